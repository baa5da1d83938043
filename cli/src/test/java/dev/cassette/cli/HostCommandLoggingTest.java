package dev.cassette.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cassette.proxy.jsonrpc.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code cassette host} logs through a real SLF4J binding: what the MCP SDK logs about a hostile
 * message reaches standard error, and standard output stays the JSON-RPC stream.
 */
class HostCommandLoggingTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @Test
  void whatTheSdkLogsGoesToStandardErrorAndStandardOutputStaysJsonRpc() throws Exception {
    try (RecorderProcess host = RecorderProcess.start(List.of("host"), Map.of())) {
      host.send(
          "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{"
              + "\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},"
              + "\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}");
      List<String> lines = new ArrayList<>();
      lines.add(host.receive(WAIT));
      host.send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
      host.send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/no-such-thing\"}");
      host.send("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}");
      lines.add(host.receive(WAIT));
      await("the SDK's warning on standard error")
          .atMost(WAIT)
          .until(() -> host.stderr().contains("notifications/no-such-thing"));
      host.closeInput();
      assertThat(host.awaitExit(WAIT)).isZero();

      assertThat(host.stderr())
          .contains("WARN McpServerSession - No handler registered for notification method")
          .contains("method=notifications/no-such-thing");
      assertThat(lines).allSatisfy(line -> assertThat(Json.parse(line).isObject()).isTrue());
      assertThat(Json.parse(lines.get(1)).path("id").asInt()).isEqualTo(2);
    }
  }
}
