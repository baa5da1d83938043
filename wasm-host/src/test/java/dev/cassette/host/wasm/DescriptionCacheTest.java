package dev.cassette.host.wasm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Descriptions are reused across runtimes for the same bytes and settings, and taken anew for other
 * bytes or settings. The stamp guest draws a random stamp into its description at each describe, so
 * equal stamps mean a reused description.
 */
class DescriptionCacheTest {
  @TempDir Path dir;

  private static byte[] guest(String name) throws IOException {
    try (InputStream in =
        DescriptionCacheTest.class.getResourceAsStream("/dev/cassette/host/guests/" + name)) {
      return in.readAllBytes();
    }
  }

  @Test
  void reusesTheDescriptionOfUnchangedBytesAcrossRuntimes() throws Exception {
    Path file = Files.write(dir.resolve("stamp.wasm"), guest("stamp.wasm"));
    try (WasmRuntime first = new WasmRuntime(SandboxSettings.defaults());
        WasmRuntime second = new WasmRuntime(SandboxSettings.defaults())) {
      long runsBefore = DescriptionCache.describeRuns();
      GuestModule a = first.load(file, "stamp-reused");
      GuestModule b = second.load(file, "stamp-reused");
      assertThat(a.description().description()).startsWith("stamp ");
      assertThat(b.description()).isEqualTo(a.description());
      assertThat(DescriptionCache.describeRuns() - runsBefore).isEqualTo(1);
    }
  }

  @Test
  void describesAFileAnewOnceItsBytesChange() throws Exception {
    byte[] stamp = guest("stamp.wasm");
    Path file = Files.write(dir.resolve("changing.wasm"), stamp);
    try (WasmRuntime runtime = new WasmRuntime(SandboxSettings.defaults())) {
      GuestModule original = runtime.load(file, "changing");
      Files.write(file, ModuleBytes.withCustomSection(stamp, "changed"));
      GuestModule sameCode = runtime.load(file, "changing");
      assertThat(sameCode.sha256()).isNotEqualTo(original.sha256());
      assertThat(sameCode.description().description())
          .startsWith("stamp ")
          .isNotEqualTo(original.description().description());
      Files.write(file, guest("probe.wasm"));
      GuestModule other = runtime.load(file, "changing");
      assertThat(other.tool("stamp")).isEmpty();
      assertThat(other.tool("divide")).isPresent();
    }
  }

  @Test
  void describesAnewUnderOtherSettings() throws Exception {
    Path file = Files.write(dir.resolve("seeded.wasm"), guest("stamp.wasm"));
    try (WasmRuntime seedOne = new WasmRuntime(deterministic(1));
        WasmRuntime seedTwo = new WasmRuntime(deterministic(2));
        WasmRuntime seedOneAgain = new WasmRuntime(deterministic(1))) {
      String one = seedOne.load(file, "seeded").description().description();
      String two = seedTwo.load(file, "seeded").description().description();
      assertThat(two).isNotEqualTo(one);
      assertThat(seedOneAgain.load(file, "seeded").description().description()).isEqualTo(one);
    }
  }

  private static SandboxSettings deterministic(long seed) {
    return new SandboxSettings(
        true,
        seed,
        SandboxSettings.DEFAULT_CALL_TIMEOUT,
        SandboxSettings.DEFAULT_MEMORY_LIMIT_BYTES,
        Map.of());
  }
}
