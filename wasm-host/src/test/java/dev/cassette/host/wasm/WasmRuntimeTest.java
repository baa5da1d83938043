package dev.cassette.host.wasm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cassette.host.policy.Policy;
import dev.cassette.proxy.jsonrpc.Json;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WasmRuntimeTest {
  @TempDir Path dir;

  private Path guest(String name) throws Exception {
    Path target = dir.resolve(name);
    try (InputStream in =
        WasmRuntimeTest.class.getResourceAsStream("/dev/cassette/host/guests/probe.wasm")) {
      Files.copy(in, target);
    }
    return target;
  }

  @Test
  void sharesCompiledModulesBetweenRuntimesAndCallsWork() throws Exception {
    Path probe = guest("probe.wasm");
    try (WasmRuntime first = new WasmRuntime(SandboxSettings.defaults());
        WasmRuntime second = new WasmRuntime(SandboxSettings.defaults())) {
      GuestModule a = first.load(probe, "probe");
      GuestModule b = second.load(probe, "probe");
      assertThat(b.module()).isSameAs(a.module());
      assertThat(b.sha256()).isEqualTo(a.sha256()).hasSize(64);
      ToolDescription divide = b.tool("divide").orElseThrow();
      assertThat(
              second.call(b, divide, Json.parse("{\"a\":1,\"b\":2}"), Policy.denyAll()).toString())
          .isEqualTo("{\"ok\":0.5}");
    }
  }

  @Test
  void rejectsFilesThatAreNotComponents() throws Exception {
    Path garbage = Files.writeString(dir.resolve("garbage.wasm"), "not wasm");
    try (WasmRuntime runtime = new WasmRuntime(SandboxSettings.defaults())) {
      assertThatThrownBy(() -> runtime.load(garbage, "garbage"))
          .isInstanceOf(GuestException.class)
          .hasMessageContaining("garbage.wasm is not a valid WebAssembly module");
      Path empty =
          Files.write(dir.resolve("empty.wasm"), new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0});
      assertThatThrownBy(() -> runtime.load(empty, "empty"))
          .hasMessageContaining("empty.wasm is not a Cassette component: it does not export");
      assertThatThrownBy(() -> runtime.load(dir.resolve("missing.wasm"), "missing"))
          .hasMessageContaining("cannot read");
    }
  }

  @Test
  void refusesAModuleFileOverTheSizeLimitBeforeReadingIt() throws Exception {
    Path sparse = dir.resolve("sparse.wasm");
    try (RandomAccessFile file = new RandomAccessFile(sparse.toFile(), "rw")) {
      file.setLength(ModuleFile.MAX_BYTES + 1);
    }
    try (WasmRuntime runtime = new WasmRuntime(SandboxSettings.defaults())) {
      assertThatThrownBy(() -> runtime.load(sparse, "sparse"))
          .isInstanceOf(GuestException.class)
          .hasMessage(
              sparse + " is 134217729 bytes; a component may be at most 134217728 bytes (128 MiB)");
    }
  }

  @Test
  void aDataSegmentDeclaringFourGigabytesIsNotAValidModule() throws Exception {
    byte[] calculator = Files.readAllBytes(exampleComponent("calculator.wasm"));
    Path crafted =
        Files.write(
            dir.resolve("crafted.wasm"),
            ModuleBytes.withFirstDataSegmentLength(calculator, 0xFFFFFFF0L));
    try (WasmRuntime runtime = new WasmRuntime(SandboxSettings.defaults())) {
      assertThatThrownBy(() -> runtime.load(crafted, "crafted"))
          .isInstanceOf(GuestException.class)
          .hasMessageStartingWith(crafted + " is not a valid WebAssembly module: ");
    }
  }

  @Test
  void everyOneByteMutationOfAComponentLoadsOrFailsWithItsReason() throws Exception {
    byte[] calculator = Files.readAllBytes(exampleComponent("calculator.wasm"));
    Random random = new Random(42);
    List<String> unexpected = new ArrayList<>();
    SandboxSettings briefCalls =
        new SandboxSettings(
            false, 0, Duration.ofSeconds(2), SandboxSettings.DEFAULT_MEMORY_LIMIT_BYTES, Map.of());
    try (WasmRuntime runtime = new WasmRuntime(briefCalls)) {
      for (int i = 0; i < 200; i++) {
        int index = 8 + random.nextInt(calculator.length - 8);
        int value = random.nextInt(256);
        Path mutated =
            Files.write(
                dir.resolve("m" + i + ".wasm"), ModuleBytes.withByte(calculator, index, value));
        try {
          runtime.load(mutated, "m" + i);
        } catch (GuestException e) {
          assertThat(e.getMessage()).isNotBlank();
        } catch (Throwable e) {
          unexpected.add("byte " + index + " = " + value + ": " + e);
        }
      }
    }
    assertThat(unexpected).isEmpty();
  }

  /** The repository's example component {@code components/<name>}. */
  private static Path exampleComponent(String name) {
    for (Path at = Path.of("").toAbsolutePath(); at != null; at = at.getParent()) {
      if (Files.isRegularFile(at.resolve("components/SHA256SUMS"))) {
        return at.resolve("components").resolve(name);
      }
    }
    throw new IllegalStateException(
        "no components/SHA256SUMS above " + Path.of("").toAbsolutePath());
  }
}
