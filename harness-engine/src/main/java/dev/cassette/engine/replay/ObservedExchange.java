package dev.cassette.engine.replay;

import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * What the live server did in one exchange's window.
 *
 * @param response the response to the client's request, or {@code null} for a client notification
 * @param notifications the notifications that arrived in the window, in arrival order
 * @param problems protocol problems (unexpected server requests, lines that were not JSON-RPC)
 * @param elapsedMillis milliseconds from sending to the response
 */
record ObservedExchange(
    JsonNode response, List<JsonNode> notifications, List<String> problems, long elapsedMillis) {
  ObservedExchange {
    notifications = List.copyOf(notifications);
    problems = List.copyOf(problems);
  }
}
