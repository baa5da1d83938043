package dev.cassette.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cassette.host.mcp.SchemaCheckCache;
import dev.cassette.host.wasm.ModuleBytes;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Host starts in one JVM share what depends only on a component's bytes: its description (the stamp
 * guest draws a random stamp into its tool description at each describe) and the SDK's meta-schema
 * check of its tool schemas; a changed file is described anew.
 */
class HostStartCacheTest {
  @TempDir Path componentDir;

  private String stampDescription() throws Exception {
    try (HostFixture host =
        HostFixture.start(Map.of("componentDir", componentDir.toString()), Map.of())) {
      return host.client.listTools().tools().stream()
          .filter(tool -> tool.name().equals("stamp"))
          .map(Tool::description)
          .findFirst()
          .orElseThrow();
    }
  }

  @Test
  void secondStartReusesTheDescriptionAndSchemaChecks() throws Exception {
    Path stamp = HostFixture.copyGuest(componentDir, "stamp.wasm");
    Files.write(stamp, ModuleBytes.withCustomSection(Files.readAllBytes(stamp), "first"));
    String first = stampDescription();
    SchemaCheckCache checks = SchemaCheckCache.shared();
    long run = checks.checksRun();
    long reused = checks.checksReused();
    String second = stampDescription();
    assertThat(first).startsWith("described with stamp ");
    assertThat(second).isEqualTo(first);
    assertThat(checks.checksRun()).isEqualTo(run);
    // the stamp tool's input and output schemas, besides the built-in tools' schemas
    assertThat(checks.checksReused() - reused).isGreaterThanOrEqualTo(2);
  }

  @Test
  void changedComponentIsDescribedAnew() throws Exception {
    Path stamp = HostFixture.copyGuest(componentDir, "stamp.wasm");
    byte[] original = Files.readAllBytes(stamp);
    Files.write(stamp, ModuleBytes.withCustomSection(original, "before"));
    String before = stampDescription();
    Files.write(stamp, ModuleBytes.withCustomSection(original, "after"));
    String after = stampDescription();
    assertThat(after).startsWith("described with stamp ").isNotEqualTo(before);
  }
}
