package dev.cassette.host;

import static dev.cassette.host.HostFixture.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LimitsTest {
  @TempDir Path componentDir;

  @Test
  void aLoopingCallFailsWithinItsTimeBudgetAndTheHostKeepsServing() throws Exception {
    HostFixture.copyProbe(componentDir);
    try (HostFixture host =
        HostFixture.start(
            Map.of("componentDir", componentDir.toString(), "callTimeoutMillis", "1500"),
            Map.of())) {
      long start = System.nanoTime();
      CallToolResult spin = host.call("spin", Map.of());
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      assertThat(spin.isError()).isTrue();
      assertThat(text(spin))
          .isEqualTo("Error: tool 'spin' of component 'probe' exceeded the time limit of 1500 ms");
      assertThat(took).isBetween(Duration.ofMillis(1400), Duration.ofSeconds(15));

      assertThat(host.result("divide", Map.of("a", 3, "b", 2)).toString())
          .isEqualTo("{\"ok\":1.5}");
      assertThat(host.call("spin", Map.of()).isError()).isTrue();
      assertThat(host.result("local_probe_text_upper", Map.of("text", "still up")).asString())
          .isEqualTo("STILL UP");
    }
  }

  @Test
  void otherCallsAreServedWhileOneSpins() throws Exception {
    HostFixture.copyProbe(componentDir);
    try (HostFixture host =
        HostFixture.start(
            Map.of("componentDir", componentDir.toString(), "callTimeoutMillis", "8000"),
            Map.of())) {
      CompletableFuture<CallToolResult> spin =
          CompletableFuture.supplyAsync(() -> host.call("spin", Map.of()));
      for (int i = 1; i <= 4; i++) {
        assertThat(host.result("divide", Map.of("a", i, "b", 1)).at("/ok").asInt()).isEqualTo(i);
      }
      assertThat(spin).isNotDone();
      assertThat(text(spin.get(30, TimeUnit.SECONDS)))
          .contains("exceeded the time limit of 8000 ms");
    }
  }

  @Test
  void aMemoryHogFailsAtThePolicyLimitAndTheHostKeepsServing() throws Exception {
    HostFixture.copyProbe(componentDir);
    Files.writeString(
        componentDir.resolve("probe.policy.yaml"),
        "version: \"1.0\"\nresources:\n  limits:\n    memory: \"16Mi\"\n");
    try (HostFixture host =
        HostFixture.start(Map.of("componentDir", componentDir.toString()), Map.of())) {
      CallToolResult hog = host.call("hog", Map.of());
      assertThat(hog.isError()).isTrue();
      assertThat(text(hog))
          .isEqualTo(
              "Error: component 'probe' produced no output from 'hog' (out of memory or failed)");
      assertThat(host.result("divide", Map.of("a", 1, "b", 8)).toString())
          .isEqualTo("{\"ok\":0.125}");
    }
  }

  @Test
  void theHostWideMemoryLimitAppliesWhenThePolicyHasNone() throws Exception {
    HostFixture.copyProbe(componentDir);
    try (HostFixture host =
        HostFixture.start(
            Map.of("componentDir", componentDir.toString(), "memoryLimit", "8Mi"), Map.of())) {
      assertThat(host.call("hog", Map.of()).isError()).isTrue();
      assertThat(host.result("divide", Map.of("a", 1, "b", 2)).toString())
          .isEqualTo("{\"ok\":0.5}");
    }
  }
}
