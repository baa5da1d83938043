package dev.cassette.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

class DeterminismTest {
  @TempDir Path componentDir;

  private JsonNode entropy(Map<String, String> settings) throws Exception {
    try (HostFixture host = HostFixture.start(settings, Map.of())) {
      JsonNode first = host.result("entropy", Map.of());
      JsonNode second = host.result("entropy", Map.of());
      assertThat(second).isEqualTo(first);
      return first;
    }
  }

  private Map<String, String> deterministic(String seed) {
    return Map.of("componentDir", componentDir.toString(), "deterministic", "true", "seed", seed);
  }

  @Test
  void theSameSeedGivesTheSameClocksAndRandomness() throws Exception {
    HostFixture.copyProbe(componentDir);
    JsonNode run1 = entropy(deterministic("42"));
    JsonNode run2 = entropy(deterministic("42"));
    JsonNode other = entropy(deterministic("43"));

    assertThat(run2).isEqualTo(run1);
    assertThat(other.at("/random")).isNotEqualTo(run1.at("/random"));
    assertThat(other.at("/realtime")).isEqualTo(run1.at("/realtime"));

    long startNanos = Instant.parse("2025-01-01T00:00:00Z").getEpochSecond() * 1_000_000_000L;
    assertThat(run1.at("/realtime").asLong()).isEqualTo(startNanos);
    long slept = run1.at("/slept").asLong();
    assertThat(slept).isBetween(50_000_000L, 50_000_000L + 5_000_000L);
  }

  @Test
  void withoutTheSwitchClocksAreRealAndSleepingWaits() throws Exception {
    HostFixture.copyProbe(componentDir);
    try (HostFixture host =
        HostFixture.start(Map.of("componentDir", componentDir.toString()), Map.of())) {
      long before = System.currentTimeMillis();
      JsonNode first = host.result("entropy", Map.of());
      JsonNode second = host.result("entropy", Map.of());
      long realtimeMillis = first.at("/realtime").asLong() / 1_000_000L;
      assertThat(realtimeMillis).isBetween(before - 1_000, System.currentTimeMillis() + 1_000);
      assertThat(Duration.ofNanos(first.at("/slept").asLong()))
          .isGreaterThanOrEqualTo(Duration.ofMillis(50));
      assertThat(second.at("/random")).isNotEqualTo(first.at("/random"));
    }
  }
}
