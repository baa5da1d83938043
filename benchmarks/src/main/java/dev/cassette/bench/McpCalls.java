package dev.cassette.bench;

import dev.cassette.proxy.jsonrpc.Json;
import dev.cassette.proxy.transport.ServerConnection;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import tools.jackson.databind.JsonNode;

/** Drives an MCP server over a {@link ServerConnection}: handshake, then timed tool calls. */
final class McpCalls {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private final ServerConnection connection;
  private long nextId = 1;

  McpCalls(ServerConnection connection) {
    this.connection = connection;
  }

  /** Sends {@code initialize} and {@code notifications/initialized}. */
  JsonNode initialize() throws IOException {
    JsonNode result =
        request(
            "initialize",
            "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},"
                + "\"clientInfo\":{\"name\":\"cassette-bench\",\"version\":\"0.1\"}}");
    send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
    return result;
  }

  /**
   * Calls {@code tool} and checks the result is not an error.
   *
   * @return the call's result
   */
  JsonNode callTool(String tool, String argumentsJson) throws IOException {
    JsonNode result =
        request("tools/call", "{\"name\":\"" + tool + "\",\"arguments\":" + argumentsJson + "}");
    if (result.path("isError").asBoolean(false)) {
      throw new IOException("tool '" + tool + "' failed: " + result);
    }
    return result;
  }

  /** Times {@code count} calls of {@code tool}, in nanoseconds each. */
  long[] time(int count, String tool, String argumentsJson) throws IOException {
    long[] nanos = new long[count];
    for (int i = 0; i < count; i++) {
      long start = System.nanoTime();
      callTool(tool, argumentsJson);
      nanos[i] = System.nanoTime() - start;
    }
    return nanos;
  }

  /** One JSON-RPC request line (without its newline). */
  static String requestLine(long id, String method, String paramsJson) {
    return "{\"jsonrpc\":\"2.0\",\"id\":"
        + id
        + ",\"method\":\""
        + method
        + "\",\"params\":"
        + paramsJson
        + "}";
  }

  private JsonNode request(String method, String paramsJson) throws IOException {
    long id = nextId++;
    send(McpCalls.requestLine(id, method, paramsJson));
    while (true) {
      byte[] line = connection.receive(TIMEOUT);
      if (line == null) {
        throw new IOException(
            "no answer to " + method + " within " + TIMEOUT + ": " + connection.diagnosticsTail());
      }
      JsonNode message = Json.parse(line);
      JsonNode answerId = message.get("id");
      if (answerId != null && answerId.isNumber() && answerId.asLong() == id) {
        if (message.has("error")) {
          throw new IOException(method + " failed: " + message.get("error"));
        }
        return message.get("result");
      }
    }
  }

  private void send(String json) throws IOException {
    connection.send(json.getBytes(StandardCharsets.UTF_8));
  }
}
