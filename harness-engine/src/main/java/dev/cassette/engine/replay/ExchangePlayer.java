package dev.cassette.engine.replay;

import dev.cassette.engine.Constants;
import dev.cassette.engine.config.Durations;
import dev.cassette.engine.match.MatchSettings;
import dev.cassette.engine.match.NotificationMatcher;
import dev.cassette.proxy.jsonrpc.Json;
import dev.cassette.proxy.jsonrpc.JsonRpcMessage;
import dev.cassette.proxy.jsonrpc.MalformedMessageException;
import dev.cassette.proxy.redact.Redactor;
import dev.cassette.proxy.tape.Exchange;
import dev.cassette.proxy.transport.ServerConnection;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Plays one exchange against a live server: sends the client's message, answers the server's
 * requests from the tape, and collects the response and notifications of the exchange's window.
 * Every wait is bounded by the exchange timeout.
 */
final class ExchangePlayer {

  private static final int SHOWN_CHARS = 200;

  private final ServerConnection connection;
  private final Duration timeout;
  private final String bound;
  private final Map<String, String> environment;

  ExchangePlayer(ServerConnection connection, Duration timeout, Map<String, String> environment) {
    this(connection, timeout, Constants.TIMEOUT_PROPERTY_NAME, environment);
  }

  /**
   * A player whose waits end after {@code timeout}; {@code bound} names the settings it comes from,
   * for the failure message.
   */
  ExchangePlayer(
      ServerConnection connection,
      Duration timeout,
      String bound,
      Map<String, String> environment) {
    this.connection = connection;
    this.timeout = timeout;
    this.bound = bound;
    this.environment = environment;
  }

  ObservedExchange play(Exchange exchange, MatchSettings settings)
      throws IOException, ExchangeTimeoutException {
    long started = System.nanoTime();
    long deadline = started + timeout.toNanos();
    connection.send(Json.compactBytes(Redactor.restore(exchange.client(), environment)));
    Window window = new Window(exchange);
    JsonNode requestId =
        exchange.client().get("method") != null ? exchange.client().get("id") : null;
    boolean batch = exchange.client().isArray();
    long elapsed = -1;
    if (requestId != null || batch) {
      while (window.response == null) {
        byte[] line = receive(deadline);
        if (line == null) {
          throw new ExchangeTimeoutException(
              "no response within " + describe(timeout) + " (" + bound + ")" + serverTail());
        }
        window.accept(line, requestId, batch);
      }
      elapsed = (System.nanoTime() - started) / 1_000_000;
    }
    while (!NotificationMatcher.allArrived(
        exchange.notifications(), window.notifications, settings)) {
      byte[] line = receive(deadline);
      if (line == null) {
        break;
      }
      window.accept(line, requestId, batch);
    }
    return new ObservedExchange(window.response, window.notifications, window.problems, elapsed);
  }

  private byte[] receive(long deadline) throws IOException {
    long remaining = deadline - System.nanoTime();
    if (remaining <= 0) {
      return null;
    }
    return connection.receive(Duration.ofNanos(remaining));
  }

  private String serverTail() {
    String tail = connection.diagnosticsTail();
    return tail == null || tail.isBlank() ? "" : "\n--- server stderr (tail) ---\n" + tail;
  }

  static String describe(Duration duration) {
    return Durations.describe(duration);
  }

  private final class Window {
    final Exchange exchange;
    final List<JsonNode> notifications = new ArrayList<>();
    final List<String> problems = new ArrayList<>();
    final boolean[] answered;
    JsonNode response;

    Window(Exchange exchange) {
      this.exchange = exchange;
      this.answered = new boolean[exchange.serverRequests().size()];
    }

    void accept(byte[] line, JsonNode requestId, boolean batch) throws IOException {
      JsonRpcMessage message;
      try {
        message = JsonRpcMessage.parse(line);
      } catch (MalformedMessageException e) {
        problems.add(
            "the server sent a line that is not JSON-RPC (" + e.getMessage() + "): " + shown(line));
        return;
      }
      if (message instanceof JsonRpcMessage.Notification notification) {
        notifications.add(notification.json());
      } else if (message instanceof JsonRpcMessage.Request request) {
        answer(request);
      } else if (message instanceof JsonRpcMessage.Response r
          && requestId != null
          && r.id().equals(requestId)) {
        response = r.json();
      } else if (message instanceof JsonRpcMessage.Batch b && batch) {
        response = b.json();
      } else {
        problems.add("the server sent a message nobody asked for: " + shown(line));
      }
    }

    private void answer(JsonRpcMessage.Request request) throws IOException {
      for (int i = 0; i < answered.length; i++) {
        Exchange.ServerRequest recorded = exchange.serverRequests().get(i);
        if (!answered[i] && request.method().equals(recorded.request().path("method").asString())) {
          answered[i] = true;
          if (recorded.response() != null) {
            ObjectNode reply = ((ObjectNode) recorded.response()).deepCopy();
            reply.set("id", request.id());
            connection.send(Json.compactBytes(reply));
          }
          return;
        }
      }
      problems.add(
          "the server sent a request the tape holds no answer for: "
              + shown(Json.compactBytes(request.json())));
      ObjectNode error = Json.mapper().createObjectNode();
      error.put("jsonrpc", "2.0");
      error.set("id", request.id());
      ObjectNode body = error.putObject("error");
      body.put("code", -32601);
      body.put("message", "Cassette replay: the tape holds no answer for " + request.method());
      connection.send(Json.compactBytes(error));
    }
  }

  private static String shown(byte[] line) {
    String text = new String(line, StandardCharsets.UTF_8);
    return text.length() <= SHOWN_CHARS
        ? text
        : text.substring(0, SHOWN_CHARS) + "… (" + text.length() + " chars)";
  }
}
