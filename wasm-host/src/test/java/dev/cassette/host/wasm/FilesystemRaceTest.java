package dev.cassette.host.wasm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cassette.host.policy.Access;
import dev.cassette.host.policy.Policy;
import dev.cassette.host.policy.StorageGrant;
import dev.cassette.proxy.jsonrpc.Json;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two calls of one component at once: one swaps a directory with a link to a place that leads
 * outside, the other reads through that directory. The check of a path and its use must not
 * interleave with the other call's changes.
 */
class FilesystemRaceTest {
  private static final int ROUNDS = 4;
  private static final String TIMES = "3000";

  @TempDir Path dir;

  @Test
  void concurrentCallsNeverReadOutsideTheGrant() throws Exception {
    Path wasm = dir.resolve("fsraw.wasm");
    try (InputStream in = getClass().getResourceAsStream("/dev/cassette/host/guests/fsraw.wasm")) {
      Files.copy(in, wasm);
    }
    Path writable = Files.createDirectories(dir.resolve("rw")).toRealPath();
    Path outside = Files.createDirectories(dir.resolve("outside")).toRealPath();
    Files.writeString(outside.resolve("secret.txt"), "secret");
    Files.createDirectories(writable.resolve("c/up"));
    Files.writeString(writable.resolve("c/up/secret.txt"), "decoy");
    Files.createDirectories(writable.resolve("q"));
    Files.createSymbolicLink(writable.resolve("q/up"), outside);
    Files.createSymbolicLink(writable.resolve("cl"), Path.of("q"));
    Policy policy =
        Policy.denyAll()
            .withStorage(
                new StorageGrant("fs://" + writable, EnumSet.of(Access.READ, Access.WRITE)));
    SandboxSettings settings =
        new SandboxSettings(
            false, 0, Duration.ofSeconds(60), SandboxSettings.DEFAULT_MEMORY_LIMIT_BYTES, Map.of());

    try (WasmRuntime runtime = new WasmRuntime(settings)) {
      GuestModule module = runtime.load(wasm, "fsraw");
      ToolDescription flip = module.tool("flip").orElseThrow();
      ToolDescription read = module.tool("read_loop").orElseThrow();
      String flipArgs = "{\"dir\":\"" + writable + "\",\"times\":\"" + TIMES + "\"}";
      String readArgs =
          "{\"dir\":\"" + writable + "\",\"path\":\"c/up/secret.txt\",\"times\":\"" + TIMES + "\"}";
      for (int round = 0; round < ROUNDS; round++) {
        CompletableFuture<String> flipping =
            CompletableFuture.supplyAsync(() -> call(runtime, module, flip, flipArgs, policy));
        String reads = call(runtime, module, read, readArgs, policy);
        String flips = flipping.get(2, TimeUnit.MINUTES);
        assertThat(reads)
            .as("round %d, while flipping: %s", round, flips)
            .startsWith("{\"ok\":\"0 leaked");
      }
    }
    assertThat(outside.resolve("secret.txt")).hasContent("secret");
  }

  private static String call(
      WasmRuntime runtime, GuestModule module, ToolDescription tool, String args, Policy policy) {
    try {
      return runtime.call(module, tool, Json.parse(args), policy).toString();
    } catch (GuestException e) {
      throw new IllegalStateException(e);
    }
  }
}
