package dev.cassette.bench;

import dev.cassette.proxy.jsonrpc.Json;
import dev.cassette.proxy.jsonrpc.JsonRpcMessage;
import dev.cassette.proxy.tape.Exchange;
import dev.cassette.proxy.tape.Recording;
import dev.cassette.proxy.tape.ServerSpec;
import dev.cassette.proxy.tape.Tape;
import dev.cassette.proxy.tape.TapeCodec;
import dev.cassette.proxy.transport.ServerConnection;
import dev.cassette.proxy.transport.ServerConnections;
import dev.cassette.proxy.transport.TransportOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes benchmark tapes of ten exchanges each ({@code initialize}, {@code
 * notifications/initialized} and eight {@code tools/call}) whose responses are real: every distinct
 * call is sent once to a live server and its answer is kept; the tapes then combine those calls in
 * varied order. Notifications the server sends meanwhile are not put on the tapes.
 */
final class BenchTapes {

  static final int EXCHANGES = 10;
  private static final int CALLS = EXCHANGES - 2;
  private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(60);
  private static final String PROTOCOL_VERSION = "2025-06-18";

  private BenchTapes() {}

  /** One distinct tool call and the server's real answer. */
  private record Answered(ObjectNode params, JsonNode response) {}

  /**
   * Records the calls against the server {@code spec} names, then writes {@code count} tapes into
   * {@code folder}.
   *
   * @param calls the {@code params} of the distinct {@code tools/call}s; each tape takes eight
   */
  static List<Path> write(Path folder, int count, ServerSpec spec, List<ObjectNode> calls)
      throws IOException {
    Files.createDirectories(folder);
    try (ServerConnection connection =
        ServerConnections.open(spec, Map.of(), TransportOptions.defaults())) {
      ObjectNode initialize = request(1, "initialize", initializeParams());
      JsonNode initialized = ask(connection, initialize);
      ObjectNode notification = Json.mapper().createObjectNode();
      notification.put("jsonrpc", "2.0");
      notification.put("method", "notifications/initialized");
      connection.send(Json.compactBytes(notification));
      List<Answered> answered = new ArrayList<>();
      for (int i = 0; i < calls.size(); i++) {
        ObjectNode call = request(100 + i, "tools/call", calls.get(i));
        answered.add(new Answered(calls.get(i), ask(connection, call)));
      }
      JsonNode result = initialized.path("result");
      ServerSpec recordedSpec =
          spec.withHandshake(result.path("protocolVersion").asString(), result.get("serverInfo"));
      List<Path> files = new ArrayList<>();
      for (int t = 0; t < count; t++) {
        List<Exchange> exchanges = new ArrayList<>();
        exchanges.add(exchange(initialize, initialized));
        exchanges.add(exchange(notification, null));
        for (int c = 0; c < CALLS; c++) {
          Answered call = answered.get((t * CALLS + c) % answered.size());
          exchanges.add(
              exchange(
                  request(c + 2, "tools/call", call.params()), withId(call.response(), c + 2)));
        }
        String name = String.format("bench-%04d", t);
        Tape tape =
            new Tape(
                Tape.FORMAT_VERSION,
                name,
                List.of("bench"),
                new Recording(
                    Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
                    "cassette benchmarks",
                    null),
                recordedSpec,
                List.of(),
                null,
                exchanges,
                null);
        Path file = folder.resolve(name + ".tape.json");
        TapeCodec.write(tape, file);
        files.add(file);
      }
      return files;
    }
  }

  private static ObjectNode initializeParams() {
    ObjectNode params = Json.mapper().createObjectNode();
    params.put("protocolVersion", PROTOCOL_VERSION);
    params.putObject("capabilities");
    ObjectNode info = params.putObject("clientInfo");
    info.put("name", "cassette-bench");
    info.put("version", "0.1");
    return params;
  }

  private static ObjectNode request(long id, String method, ObjectNode params) {
    ObjectNode message = Json.mapper().createObjectNode();
    message.put("jsonrpc", "2.0");
    message.put("id", id);
    message.put("method", method);
    message.set("params", params.deepCopy());
    return message;
  }

  private static Exchange exchange(ObjectNode client, JsonNode response) {
    return new Exchange(client, response, List.of(), List.of(), -1, null, null, null);
  }

  private static JsonNode withId(JsonNode response, long id) {
    ObjectNode copy = (ObjectNode) response.deepCopy();
    copy.put("id", id);
    return copy;
  }

  /** Sends a request and returns the server's response to it, skipping notifications. */
  private static JsonNode ask(ServerConnection connection, ObjectNode request) throws IOException {
    connection.send(Json.compactBytes(request));
    long deadline = System.nanoTime() + ANSWER_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      JsonRpcMessage message =
          connection.receiveMessage(Duration.ofNanos(deadline - System.nanoTime()));
      if (message instanceof JsonRpcMessage.Response response
          && response.id().asString().equals(request.get("id").asString())) {
        if (response.json().has("error")) {
          throw new IOException(
              "the server answered " + Json.compact(request) + " with " + response.json());
        }
        return response.json();
      }
    }
    throw new IOException(
        "no answer to "
            + request.get("method").asString()
            + " within "
            + ANSWER_TIMEOUT.toSeconds()
            + " s"
            + "\n"
            + connection.diagnosticsTail());
  }
}
