package dev.cassette.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.cassette.host.wasm.SandboxSettings;
import dev.cassette.proxy.jsonrpc.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** A stdio host whose input ends right after the requests still answers every one of them. */
class StdioDrainTest {
  @TempDir Path dir;

  @Test
  void answersEveryRequestReadBeforeTheInputEnded() throws Exception {
    HostFixture.copyProbe(dir);
    String input =
        String.join(
            "\n",
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{"
                + "\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},"
                + "\"clientInfo\":{\"name\":\"test\",\"version\":\"1\"}}}",
            "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}",
            "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{"
                + "\"name\":\"divide\",\"arguments\":{\"a\":7,\"b\":2}}}",
            "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/list\"}",
            "");
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    List<String> diagnostics = new ArrayList<>();
    assertTimeoutPreemptively(
        Duration.ofMinutes(2),
        () ->
            WasmHost.runStdio(
                new HostSettings(dir, SandboxSettings.defaults()),
                new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
                output,
                diagnostics::add));
    List<JsonNode> responses =
        output.toString(StandardCharsets.UTF_8).lines().map(Json::parse).toList();
    assertThat(responses).as("responses; diagnostics: %s", diagnostics).hasSize(3);
    assertThat(responses.stream().map(r -> r.get("id").asInt())).containsExactlyInAnyOrder(1, 2, 3);
    JsonNode call = responses.stream().filter(r -> r.get("id").asInt() == 2).findFirst().get();
    assertThat(call.at("/result/content/0/text").asString()).isEqualTo("{\"ok\":3.5}");
    JsonNode list = responses.stream().filter(r -> r.get("id").asInt() == 3).findFirst().get();
    assertThat(list.at("/result/tools").findValuesAsString("name")).contains("divide");
  }
}
