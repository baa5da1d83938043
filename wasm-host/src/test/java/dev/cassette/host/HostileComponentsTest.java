package dev.cassette.host;

import static dev.cassette.host.HostFixture.json;
import static dev.cassette.host.HostFixture.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cassette.host.wasm.ModuleBytes;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Hostile components and files next to good ones: each is refused with its reason, the good ones
 * load and publish, and every request is answered.
 */
class HostileComponentsTest {
  private static final Duration ANSWER = Duration.ofSeconds(20);

  @TempDir Path componentDir;
  @TempDir Path elsewhere;

  @Test
  void aTypeNestedTooDeepIsRefusedAndTheOtherComponentsPublishTheirTools() throws Exception {
    HostFixture.copyGuest(componentDir, "deep.wasm");
    HostFixture.copyProbe(componentDir);
    try (HostFixture host = start(Map.of())) {
      assertThat(toolNames(host))
          .contains("divide", "local_probe_text_upper")
          .doesNotContain("nested");
      JsonNode list = json(host.call("list-components", Map.of()));
      assertThat(ids(list.path("components"))).containsExactly("probe");
      assertThat(list.at("/skipped/0/id").asString()).isEqualTo("deep");
      assertThat(list.at("/skipped/0/error").asString())
          .contains("the type of nested.x nests deeper than 32 levels");

      CallToolResult load =
          answered(
              host, "load-component", Map.of("path", componentDir.resolve("deep.wasm").toString()));
      assertThat(load.isError()).isTrue();
      assertThat(text(load))
          .startsWith("Error: Failed to load component: ")
          .endsWith("component deep: the type of nested.x nests deeper than 32 levels");
      assertThat(host.result("divide", Map.of("a", 1, "b", 4)).toString())
          .isEqualTo("{\"ok\":0.25}");
    }
  }

  @Test
  void aModuleFileOverTheSizeLimitIsRefusedBeforeItIsRead() throws Exception {
    Path big = componentDir.resolve("big.wasm");
    try (RandomAccessFile file = new RandomAccessFile(big.toFile(), "rw")) {
      file.setLength(3L << 30);
    }
    HostFixture.copyProbe(componentDir);
    try (HostFixture host = start(Map.of())) {
      assertThat(toolNames(host)).contains("divide");
      JsonNode list = json(host.call("list-components", Map.of()));
      assertThat(ids(list.path("components"))).containsExactly("probe");
      assertThat(list.at("/skipped/0/id").asString()).isEqualTo("big");
      assertThat(list.at("/skipped/0/error").asString())
          .isEqualTo(
              big + " is 3221225472 bytes; a component may be at most 134217728 bytes (128 MiB)");

      CallToolResult load = answered(host, "load-component", Map.of("path", big.toString()));
      assertThat(load.isError()).isTrue();
      assertThat(text(load)).endsWith("a component may be at most 134217728 bytes (128 MiB)");
    }
  }

  @Test
  void aModuleWhoseParserThrowsIsSkippedAndTheComponentsAfterItLoad() throws Exception {
    Path calculator = HostFixture.exampleComponent("calculator.wasm");
    byte[] crafted =
        ModuleBytes.withFirstDataSegmentLength(Files.readAllBytes(calculator), 0xFFFFFFF0L);
    Path broken = Files.write(componentDir.resolve("broken.wasm"), crafted);
    Files.copy(calculator, componentDir.resolve("calculator.wasm"));
    Files.copy(
        HostFixture.exampleComponent("text-tools.wasm"), componentDir.resolve("text-tools.wasm"));
    try (HostFixture host = start(Map.of())) {
      JsonNode list = json(host.call("list-components", Map.of()));
      assertThat(ids(list.path("components"))).containsExactly("calculator", "text-tools");
      assertThat(list.at("/skipped/0/id").asString()).isEqualTo("broken");
      assertThat(list.at("/skipped/0/error").asString())
          .startsWith(broken + " is not a valid WebAssembly module: ")
          .contains("NegativeArraySizeException");
      assertThat(toolNames(host)).contains("divide", "add").hasSizeGreaterThan(12 + 5);
      assertThat(host.server.diagnosticsTail()).contains("skipped component " + broken);

      CallToolResult load = answered(host, "load-component", Map.of("path", broken.toString()));
      assertThat(text(load)).contains("is not a valid WebAssembly module");
    }
  }

  @Test
  void whileAGuestSpinsInItsInitialiseOtherComponentToolsAreAnswered() throws Exception {
    HostFixture.copyProbe(componentDir);
    Path spinning = HostFixture.copyGuest(elsewhere, "spininit.wasm");
    try (HostFixture host = start(Map.of("callTimeoutMillis", "15000"))) {
      CompletableFuture<CallToolResult> load =
          CompletableFuture.supplyAsync(
              () -> host.call("load-component", Map.of("path", spinning.toString())));
      await("the spinning guest being described")
          .atMost(Duration.ofSeconds(10))
          .until(HostileComponentsTest::aGuestIsBeingInstantiated);

      CompletableFuture<CallToolResult> list =
          CompletableFuture.supplyAsync(() -> host.call("list-components", Map.of()));
      CompletableFuture<CallToolResult> grant =
          CompletableFuture.supplyAsync(
              () ->
                  host.call(
                      "grant-network-permission",
                      Map.of("component_id", "probe", "details", Map.of("host", "example.com"))));
      await("list-components and a grant during the load")
          .atMost(Duration.ofSeconds(5))
          .until(() -> list.isDone() && grant.isDone());
      assertThat(load).isNotDone();
      assertThat(ids(json(list.get()).path("components"))).containsExactly("probe");
      assertThat(grant.get().isError()).isFalse();

      CallToolResult loaded = load.get(30, TimeUnit.SECONDS);
      assertThat(text(loaded))
          .endsWith("describing component spininit exceeded the time limit of 15000 ms");
    }
  }

  @Test
  void callsAndGrantsUnderAPolicyNestedThousandsDeepAreAnswered() throws Exception {
    HostFixture.copyProbe(componentDir);
    String nested = "[".repeat(20_000) + "]".repeat(20_000);
    Files.writeString(
        componentDir.resolve("probe.policy.yaml"),
        "version: \"1.0\"\ndescription: " + nested + "\n");
    try (HostFixture host = start(Map.of())) {
      CallToolResult call = answered(host, "divide", Map.of("a", 1, "b", 2));
      assertThat(call.isError()).isTrue();
      assertThat(text(call)).startsWith("Error: ");
      CallToolResult grant =
          answered(
              host,
              "grant-network-permission",
              Map.of("component_id", "probe", "details", Map.of("host", "example.com")));
      assertThat(grant.isError()).isTrue();
      assertThat(text(grant)).startsWith("Error: ");
      assertThat(json(answered(host, "list-components", Map.of())).at("/total").asInt())
          .isEqualTo(1);
    }
  }

  private HostFixture start(Map<String, String> settings) throws Exception {
    Map<String, String> all = new java.util.HashMap<>(settings);
    all.put("componentDir", componentDir.toString());
    return HostFixture.start(all, Map.of());
  }

  /** Calls {@code tool}, failing if no answer comes within {@link #ANSWER}. */
  private static CallToolResult answered(HostFixture host, String tool, Map<String, Object> args)
      throws Exception {
    return CompletableFuture.supplyAsync(() -> host.call(tool, args))
        .get(ANSWER.toSeconds(), TimeUnit.SECONDS);
  }

  private static List<String> toolNames(HostFixture host) {
    return host.client.listTools().tools().stream().map(Tool::name).toList();
  }

  private static List<String> ids(JsonNode components) {
    return components.valueStream().map(c -> c.path("id").asString()).toList();
  }

  /** Whether some thread is instantiating a guest (running its {@code _initialize}). */
  private static boolean aGuestIsBeingInstantiated() {
    return Thread.getAllStackTraces().values().stream()
        .anyMatch(
            frames ->
                Arrays.stream(frames)
                    .anyMatch(
                        f ->
                            f.getClassName().equals("dev.cassette.host.wasm.GuestSandbox")
                                && f.getMethodName().equals("create")));
  }
}
