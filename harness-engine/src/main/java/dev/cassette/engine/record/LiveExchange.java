package dev.cassette.engine.record;

import java.util.List;
import org.apiguardian.api.API;
import tools.jackson.databind.JsonNode;

/**
 * What the live server answered in one exchange, as re-recording needs it.
 *
 * @param response the response, or {@code null} for a client notification
 * @param notifications the notifications of the exchange's window, in arrival order
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public record LiveExchange(JsonNode response, List<JsonNode> notifications) {
  /** Copies the list. */
  public LiveExchange {
    notifications = List.copyOf(notifications);
  }
}
