package dev.cassette.host.wasm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cassette.host.HostSettings;
import dev.cassette.host.WasmHost;
import dev.cassette.host.policy.Policy;
import dev.cassette.proxy.jsonrpc.Json;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Modules are served by the interpreter until their background compile has finished: the host
 * answers before compiling, and results do not depend on which machine ran a call.
 */
class BackgroundCompileTest {
  private static final Duration COMPILE_WAIT = Duration.ofMinutes(3);
  private static final SandboxSettings DETERMINISTIC =
      new SandboxSettings(
          true,
          42,
          SandboxSettings.DEFAULT_CALL_TIMEOUT,
          SandboxSettings.DEFAULT_MEMORY_LIMIT_BYTES,
          Map.of());

  @TempDir Path dir;

  /**
   * The probe guest with a custom section of random bytes appended: a module no other test has
   * loaded in this JVM, so its compile has not happened yet.
   */
  private Path uniqueProbe() throws Exception {
    byte[] probe;
    try (InputStream in =
        BackgroundCompileTest.class.getResourceAsStream("/dev/cassette/host/guests/probe.wasm")) {
      probe = in.readAllBytes();
    }
    byte[] name = "cassette-test-nonce".getBytes(StandardCharsets.US_ASCII);
    byte[] nonce = new byte[16];
    new SecureRandom().nextBytes(nonce);
    int size = 1 + name.length + nonce.length;
    byte[] bytes = new byte[probe.length + 2 + size];
    System.arraycopy(probe, 0, bytes, 0, probe.length);
    int at = probe.length;
    bytes[at++] = 0; // custom section
    bytes[at++] = (byte) size; // LEB128, below 128
    bytes[at++] = (byte) name.length;
    System.arraycopy(name, 0, bytes, at, name.length);
    System.arraycopy(nonce, 0, bytes, at + name.length, nonce.length);
    return Files.write(dir.resolve("probe.wasm"), bytes);
  }

  @Test
  void callsBeforeAndAfterTheCompileGiveTheSameResults() throws Exception {
    Path probe = uniqueProbe();
    List<Object[]> calls =
        List.of(
            new Object[] {"divide", "{\"a\":7,\"b\":2}"},
            new Object[] {"divide", "{\"a\":1,\"b\":0}"},
            new Object[] {"local_probe_text_upper", "{\"text\":\"grüße, wasm\"}"},
            new Object[] {"entropy", "{}"});
    try (WasmRuntime runtime = new WasmRuntime(DETERMINISTIC)) {
      GuestModule module;
      StringBuilder interpreted = new StringBuilder();
      ModuleCache.Hold hold = ModuleCache.holdCompilations();
      try {
        module = runtime.load(probe, "probe");
        for (Object[] call : calls) {
          interpreted.append(call(runtime, module, call)).append('\n');
        }
        assertThat(module.isCompiled()).as("compiled while held").isFalse();
        assertThat(module.compilation().toCompletableFuture()).isNotDone();
      } finally {
        hold.close();
      }
      module.compilation().toCompletableFuture().get(COMPILE_WAIT.toSeconds(), TimeUnit.SECONDS);
      assertThat(module.isCompiled()).isTrue();
      StringBuilder compiled = new StringBuilder();
      for (Object[] call : calls) {
        compiled.append(call(runtime, module, call)).append('\n');
      }
      assertThat(compiled.toString())
          .isEqualTo(interpreted.toString())
          .contains("{\"ok\":3.5}", "{\"err\":\"division by zero\"}", "\"GRüßE, WASM\"");
    }
  }

  private static String call(WasmRuntime runtime, GuestModule module, Object[] call)
      throws GuestException {
    ToolDescription tool = module.tool((String) call[0]).orElseThrow();
    return runtime.call(module, tool, Json.parse((String) call[1]), Policy.denyAll()).toString();
  }

  @Test
  void hostAnswersInitializeAndCallsWhileTheCompileIsPending() throws Exception {
    Path probe = uniqueProbe();
    byte[] bytes = Files.readAllBytes(probe);
    PipedOutputStream toHost = new PipedOutputStream();
    PipedInputStream hostInput = new PipedInputStream(toHost, 1 << 16);
    PipedInputStream fromHost = new PipedInputStream(1 << 16);
    OutputStream hostOutput = new PipedOutputStream(fromHost);
    HostSettings settings = new HostSettings(dir, DETERMINISTIC);
    String beforeCompile;
    WasmHost host;
    BufferedReader responses =
        new BufferedReader(new InputStreamReader(fromHost, StandardCharsets.UTF_8));
    ModuleCache.Hold hold = ModuleCache.holdCompilations();
    try {
      host = WasmHost.start(settings, hostInput, hostOutput, line -> {});
      send(toHost, initialize());
      JsonNode initialized = Json.parse(responses.readLine());
      assertThat(initialized.at("/result/serverInfo/name").asString())
          .isEqualTo(WasmHost.SERVER_NAME);
      ModuleCode code = ModuleCache.get(sha256(bytes), bytes, probe, m -> {});
      assertThat(code.compileRequested()).as("compile requested before any call").isFalse();
      assertThat(code.compilation()).isNotDone();
      send(toHost, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
      send(toHost, divide(2));
      beforeCompile = Json.parse(responses.readLine()).at("/result").toString();
      assertThat(code.compileRequested()).as("compile requested by the first call").isTrue();
      assertThat(code.compilation()).as("compile still pending after the call").isNotDone();
      assertThat(code.isCompiled()).isFalse();
    } finally {
      hold.close();
    }
    try (host) {
      assertThat(WasmRuntime.awaitCompilations(COMPILE_WAIT)).isTrue();
      send(toHost, divide(3));
      String afterCompile = Json.parse(responses.readLine()).at("/result").toString();
      assertThat(afterCompile).isEqualTo(beforeCompile).contains("3.5");
      toHost.close();
    }
  }

  private static String sha256(byte[] bytes) throws Exception {
    return java.util.HexFormat.of()
        .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  private static void send(OutputStream out, String line) throws Exception {
    out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  static String initialize() {
    return "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{"
        + "\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},"
        + "\"clientInfo\":{\"name\":\"test\",\"version\":\"1\"}}}";
  }

  static String divide(int id) {
    return "{\"jsonrpc\":\"2.0\",\"id\":"
        + id
        + ",\"method\":\"tools/call\",\"params\":{\"name\":\"divide\","
        + "\"arguments\":{\"a\":7,\"b\":2}}}";
  }
}
