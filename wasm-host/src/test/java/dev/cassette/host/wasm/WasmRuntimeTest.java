package dev.cassette.host.wasm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cassette.host.policy.Policy;
import dev.cassette.proxy.jsonrpc.Json;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
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
}
