package dev.cassette.proxy.transport;

import static dev.cassette.proxy.transport.TestServers.embedded;
import static dev.cassette.proxy.transport.TestServers.quickOptions;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cassette.proxy.jsonrpc.Json;
import dev.cassette.proxy.jsonrpc.JsonRpcMessage;
import dev.cassette.proxy.tape.ServerSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class EmbeddedServerConnectionTest {

  private static final Duration WAIT = Duration.ofSeconds(10);

  @Test
  void findsTheProviderByNameAndPassesSettingsAsStrings() throws IOException {
    ServerSpec spec =
        embedded(
            "{\"name\":\"test-echo\",\"componentDir\":\"build\",\"seed\":42,\"deterministic\":true}");
    try (ServerConnection server =
        ServerConnections.open(spec, Map.of("API_KEY", "s3cr3t"), quickOptions())) {
      server.send(
          "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/list\",\"params\":{\"ü\":1}}"
              .getBytes(StandardCharsets.UTF_8));
      JsonRpcMessage.Response response = (JsonRpcMessage.Response) server.receiveMessage(WAIT);
      assertThat(response.id().asInt()).isEqualTo(7);
      assertThat(Json.compact(response.result().get("echo"))).isEqualTo("{\"ü\":1}");
      // Settings map is unordered: compare as JSON objects.
      assertThat(response.result().get("settings"))
          .isEqualTo(
              Json.parse(
                  "{\"componentDir\":\"build\",\"deterministic\":\"true\",\"seed\":\"42\"}"));
      assertThat(Json.compact(response.result().get("environment"))).isEqualTo("[\"API_KEY\"]");
      assertThat(server.diagnosticsTail()).isEqualTo("echo server log");
      assertThat(server.isAlive()).isTrue();
      server.close();
      assertThat(server.isAlive()).isFalse();
    }
  }

  @Test
  void endOfServerOutputIsReported() throws IOException {
    LaunchedServer launched =
        ServerConnections.launch(embedded("{\"name\":\"test-echo\"}"), Map.of(), quickOptions());
    try (ServerConnection server = ServerConnections.connect(launched, quickOptions())) {
      launched.closeInput(); // the echo server stops at end of input
      assertThatThrownBy(() -> server.receive(WAIT))
          .isInstanceOf(ServerClosedException.class)
          .hasMessage(
              "embedded server 'test-echo' closed its output\n"
                  + "--- server stderr (tail) ---\necho server log");
    }
  }

  @Test
  void unknownNameListsTheProvidersFound() {
    assertThatThrownBy(
            () ->
                ServerConnections.open(
                    embedded("{\"name\":\"wassette-x\"}"), Map.of(), quickOptions()))
        .isInstanceOf(IOException.class)
        .hasMessage(
            "cannot start embedded server 'wassette-x': no EmbeddedServerProvider of that name on"
                + " the class path (found: test-echo)");
  }

  @Test
  void wassetteWithoutWasmHostOnTheClassPathNamesTheDependencyToAdd() {
    // proxy-core's tests have no wasm-host: the provider named "wassette" is not on the class path
    assertThatThrownBy(
            () ->
                ServerConnections.open(
                    embedded("{\"name\":\"wassette\"}"), Map.of(), quickOptions()))
        .isInstanceOf(IOException.class)
        .message()
        .startsWith(
            "cannot start embedded server 'wassette': no EmbeddedServerProvider of that name on"
                + " the class path (found: test-echo); add the dependency dev.cassette:wasm-host:")
        .matches(".*dev\\.cassette:wasm-host:\\d+\\.\\d+\\.\\d+(-SNAPSHOT)? \\(test scope\\).*")
        .doesNotContain("${");
  }

  @Test
  void specWithoutNameIsRejected() {
    assertThatThrownBy(
            () -> ServerConnections.open(embedded("{\"seed\":1}"), Map.of(), quickOptions()))
        .isInstanceOf(IOException.class)
        .hasMessage("cannot start embedded server: the server spec names none (embedded.name)");
  }
}
