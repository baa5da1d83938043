package dev.cassette.proxy.transport;

import static dev.cassette.proxy.transport.TestServers.everything;
import static dev.cassette.proxy.transport.TestServers.quickOptions;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cassette.proxy.jsonrpc.JsonRpcMessage;
import dev.cassette.proxy.tape.ServerSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class ServerConnectionTest {

  private static final Duration WAIT = Duration.ofSeconds(10);

  @Test
  void talksToServerEverythingOverStdio() throws IOException {
    ProcessHandle handle;
    try (ServerConnection server =
        ServerConnections.open(ServerSpec.stdio(everything()), Map.of(), quickOptions())) {
      send(server, initialize(1));
      JsonRpcMessage.Response init = responseTo(server, 1);
      assertThat(init.result().get("serverInfo").get("name").asString())
          .isEqualTo("mcp-servers/everything");
      assertThat(init.result().get("protocolVersion").asString()).isEqualTo("2025-06-18");

      send(server, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
      send(server, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}");
      JsonRpcMessage.Response tools = responseTo(server, 2);
      assertThat(tools.result().get("tools").valueStream().map(t -> t.get("name").asString()))
          .contains("echo", "get-sum");

      send(
          server,
          "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\","
              + "\"params\":{\"name\":\"echo\",\"arguments\":{\"message\":\"héllo ☕ 𝄞\"}}}");
      JsonRpcMessage.Response echo = responseTo(server, 3);
      assertThat(echo.result().get("content").get(0).get("text").asString())
          .isEqualTo("Echo: héllo ☕ 𝄞");
      assertThat(server.isAlive()).isTrue();
      handle = findChild("node");
    }
    TestServers.assertAllGone(List.of(handle));
  }

  @Test
  void receiveReturnsNullWhenNothingArrivesInTime() throws IOException {
    try (ServerConnection server =
        ServerConnections.open(ServerSpec.stdio(everything()), Map.of(), quickOptions())) {
      long start = System.nanoTime();
      assertThat(server.receive(Duration.ofMillis(300))).isNull();
      assertThat(Duration.ofNanos(System.nanoTime() - start))
          .isBetween(Duration.ofMillis(250), Duration.ofSeconds(5));
    }
  }

  static String initialize(int id) {
    return "{\"jsonrpc\":\"2.0\",\"id\":"
        + id
        + ",\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
        + "\"capabilities\":{},\"clientInfo\":{\"name\":\"cassette-test\",\"version\":\"1\"}}}";
  }

  static void send(ServerConnection server, String json) throws IOException {
    server.send(json.getBytes(StandardCharsets.UTF_8));
  }

  /** Skips notifications until the response with this id. */
  static JsonRpcMessage.Response responseTo(ServerConnection server, int id) throws IOException {
    for (int i = 0; i < 20; i++) {
      JsonRpcMessage message = server.receiveMessage(WAIT);
      assertThat(message).as("a message within %s", WAIT).isNotNull();
      if (message instanceof JsonRpcMessage.Response response && response.id().asInt() == id) {
        return response;
      }
    }
    throw new AssertionError("no response with id " + id);
  }

  private static ProcessHandle findChild(String command) {
    return ProcessHandle.current()
        .children()
        .filter(p -> p.info().command().orElse("").endsWith(command))
        .findFirst()
        .orElseThrow();
  }
}
