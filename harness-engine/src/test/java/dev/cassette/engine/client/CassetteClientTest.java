package dev.cassette.engine.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cassette.proxy.jsonrpc.Json;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class CassetteClientTest {

  private CassetteClient client;

  @BeforeEach
  void start() throws Exception {
    client = CassetteClient.builder(Everything.open()).protocolVersion("2025-06-18").build();
  }

  @AfterEach
  void stop() {
    client.close();
  }

  @Test
  void initializesWithTheRequestedProtocolVersion() {
    JsonNode result = client.initialize();

    assertThat(result.path("protocolVersion").asString()).isEqualTo("2025-06-18");
    assertThat(result.at("/serverInfo/name").asString()).contains("everything");
    assertThat(client.initializeResult()).isEqualTo(result);
  }

  @Test
  void listsAndCallsTools() {
    client.initialize();

    assertThat(client.listTools().path("tools").valueStream().map(t -> t.path("name").asString()))
        .contains("echo", "get-sum");
    assertThat(client.callTool("echo", Map.of("message", "hi")).at("/content/0/text").asString())
        .isEqualTo("Echo: hi");
    assertThat(client.callTool("get-sum", Map.of("a", 2, "b", 3)).at("/content/0/text").asString())
        .contains("5");
  }

  @Test
  void readsResourcesGetsPromptsAndPings() {
    client.initialize();

    JsonNode resource = client.readResource("demo://resource/static/document/architecture.md");
    assertThat(resource.at("/contents/0/uri").asString()).endsWith("architecture.md");
    JsonNode prompt = client.getPrompt("args-prompt", Map.of("city", "Oslo"));
    assertThat(prompt.at("/messages/0/content/text").asString()).contains("Oslo");
    client.ping();
  }

  @Test
  void turnsJsonRpcErrorsIntoExceptions() {
    client.initialize();

    assertThatThrownBy(() -> client.request("no/such/method", null))
        .isInstanceOf(McpErrorException.class)
        .satisfies(e -> assertThat(((McpErrorException) e).code()).isEqualTo(-32601));
  }

  @Test
  void collectsNotificationsAndWaitsForThemWithABound() {
    client.initialize();
    client.callTool("trigger-long-running-operation", Map.of("duration", 1, "steps", 2));
    client.request("logging/setLevel", Json.mapper().createObjectNode().put("level", "debug"));

    assertThat(client.notifications()).isNotEmpty();
    assertThatThrownBy(
            () -> client.awaitNotification("notifications/never", Duration.ofMillis(200)))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("no notifications/never notification within PT0.2S");
  }

  @Test
  void failsPendingRequestsWhenTheServerGoesAway() {
    client.initialize();
    client.close();

    assertThatThrownBy(() -> client.listTools()).isInstanceOf(UncheckedIOException.class);
  }
}
