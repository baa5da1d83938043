package dev.cassette.bench;

import dev.cassette.host.HostSettings;
import dev.cassette.host.policy.Policy;
import dev.cassette.host.wasm.GuestModule;
import dev.cassette.host.wasm.SandboxSettings;
import dev.cassette.host.wasm.ToolDescription;
import dev.cassette.host.wasm.WasmRuntime;
import dev.cassette.proxy.jsonrpc.Json;
import dev.cassette.proxy.tape.ServerSpec;
import dev.cassette.proxy.transport.ServerConnection;
import dev.cassette.proxy.transport.ServerConnections;
import dev.cassette.proxy.transport.TransportOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apiguardian.api.API;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Measures the embedded Wassette-compatible host: call latency of a trivial tool ({@code add} of
 * {@code components/calculator.wasm}) in-process and over stdio, the same export called directly on
 * Chicory, and per-component load times. Run with {@code java -cp …
 * dev.cassette.bench.HostBenchmark [--components DIR] [--calls N] [--warmup N]} (see
 * docs/benchmarks.md, "Host").
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class HostBenchmark {
  private static final String TOOL = "add";
  private static final String ARGUMENTS = "{\"a\":2,\"b\":3}";
  private static final Duration COMPILE_WAIT = Duration.ofMinutes(5);
  private static final Duration STDIO_MIN_WARMUP = Duration.ofSeconds(20);

  private final Path components;
  private final int calls;
  private final int warmup;
  private final PrintStream out;

  private HostBenchmark(Path components, int calls, int warmup, PrintStream out) {
    this.components = components;
    this.calls = calls;
    this.warmup = warmup;
    this.out = out;
  }

  /** Runs every measurement once and prints the figures. */
  public static void main(String[] args) throws Exception {
    Path components = null;
    int calls = 2000;
    int warmup = 2000;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--components" -> components = Path.of(args[++i]);
        case "--calls" -> calls = Integer.parseInt(args[++i]);
        case "--warmup" -> warmup = Integer.parseInt(args[++i]);
        default -> throw new IllegalArgumentException("unknown option '" + args[i] + "'");
      }
    }
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    new HostBenchmark(components == null ? findComponents() : components, calls, warmup, out).run();
    System.exit(0);
  }

  private void run() throws Exception {
    out.printf(
        "Host benchmark: %d cores, Java %s, load average %s%n",
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"),
        loadAverage());
    Path alone = Files.createTempDirectory("cassette-bench-host");
    try {
      Files.copy(components.resolve("calculator.wasm"), alone.resolve("calculator.wasm"));
      loadTimes();
      direct();
      inProcess(alone);
      overStdio(alone);
    } finally {
      try (Stream<Path> files = Files.walk(alone)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
    out.printf("load average at the end: %s%n", loadAverage());
  }

  /** Parse, compile and first instantiate of each component, directly on Chicory. */
  private void loadTimes() throws IOException {
    out.println();
    out.println("Component load (Chicory, fresh JVM: the first component pays class loading)");
    out.printf("  %-14s %11s %11s %11s%n", "component", "parse", "compile", "1st inst.");
    List<Path> files;
    try (Stream<Path> list = Files.list(components)) {
      files = list.filter(f -> f.toString().endsWith(".wasm")).sorted().toList();
    }
    for (Path file : files) {
      RawChicory.LoadTimes times = RawChicory.measureLoad(Files.readAllBytes(file));
      out.printf(
          "  %-14s %11s %11s %11s%n",
          file.getFileName().toString().replace(".wasm", ""),
          Latencies.millis(times.parse()),
          Latencies.millis(times.compile()),
          Latencies.millis(times.firstInstance()));
    }
  }

  /** The export on Chicory without MCP, and through the host's runtime without MCP. */
  private void direct() throws Exception {
    out.println();
    out.println("Direct path, no MCP (compiled, after " + warmup + " warm-up calls)");
    try (RawChicory raw =
        RawChicory.compiled(Files.readAllBytes(components.resolve("calculator.wasm")))) {
      raw.timeWarmInstance(warmup, TOOL, ARGUMENTS);
      print("Chicory call, one warm instance", raw.timeWarmInstance(calls, TOOL, ARGUMENTS));
      raw.timeFreshInstances(warmup, TOOL, ARGUMENTS);
      print("Chicory call, fresh instance", raw.timeFreshInstances(calls, TOOL, ARGUMENTS));
    }
    try (WasmRuntime runtime = new WasmRuntime(SandboxSettings.defaults())) {
      GuestModule module = runtime.load(components.resolve("calculator.wasm"), "calculator");
      ToolDescription tool = module.tool(TOOL).orElseThrow();
      JsonNode arguments = Json.parse(ARGUMENTS);
      runtime.call(module, tool, arguments, Policy.denyAll());
      WasmRuntime.awaitCompilations(COMPILE_WAIT);
      long[] nanos = new long[calls];
      for (int i = -warmup; i < calls; i++) {
        long start = System.nanoTime();
        runtime.call(module, tool, arguments, Policy.denyAll());
        if (i >= 0) {
          nanos[i] = System.nanoTime() - start;
        }
      }
      print("host runtime (WasmRuntime.call)", nanos);
    }
  }

  /** Through MCP in this JVM: the {@code wassette} embedded provider over its pipes. */
  private void inProcess(Path dir) throws Exception {
    out.println();
    out.println("MCP tools/call '" + TOOL + "' (after " + warmup + " warm-up calls)");
    ObjectNode embedded = Json.mapper().createObjectNode();
    embedded.put("name", "wassette");
    embedded.put(HostSettings.COMPONENT_DIR, dir.toString());
    ServerSpec spec =
        new ServerSpec(
            ServerSpec.EMBEDDED, List.of(), null, embedded, List.of(), null, null, null, null);
    try (ServerConnection connection =
        ServerConnections.open(spec, Map.of(), TransportOptions.defaults())) {
      McpCalls mcp = new McpCalls(connection);
      mcp.initialize();
      mcp.callTool(TOOL, ARGUMENTS);
      WasmRuntime.awaitCompilations(COMPILE_WAIT);
      mcp.time(warmup, TOOL, ARGUMENTS);
      print("in-process (embedded wassette)", mcp.time(calls, TOOL, ARGUMENTS));
    }
  }

  /**
   * Through MCP to a {@code cassette host} child over stdio. Its background compile cannot be
   * observed from here, so warm-up lasts at least {@link #STDIO_MIN_WARMUP}; the time to the first
   * answers is printed too.
   */
  private void overStdio(Path dir) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command =
        List.of(
            java,
            "-cp",
            System.getProperty("java.class.path"),
            "dev.cassette.cli.Cassette",
            "host",
            "--component-dir",
            dir.toString());
    long start = System.nanoTime();
    try (ServerConnection connection =
        ServerConnections.open(ServerSpec.stdio(command), Map.of(), TransportOptions.defaults())) {
      McpCalls mcp = new McpCalls(connection);
      mcp.initialize();
      long initialized = System.nanoTime();
      mcp.callTool(TOOL, ARGUMENTS);
      long firstCall = System.nanoTime();
      long warmupEnd = System.nanoTime() + STDIO_MIN_WARMUP.toNanos();
      int warmed = 0;
      while (warmed < warmup || System.nanoTime() < warmupEnd) {
        mcp.callTool(TOOL, ARGUMENTS);
        warmed++;
      }
      print("over stdio (cassette host child)", mcp.time(calls, TOOL, ARGUMENTS));
      out.printf(
          "  stdio child: initialize answered %s after launch, first '%s' answered %s after"
              + " launch (%d warm-up calls over >= %d s)%n",
          Latencies.millis(initialized - start).trim(),
          TOOL,
          Latencies.millis(firstCall - start).trim(),
          warmed,
          STDIO_MIN_WARMUP.toSeconds());
    }
  }

  private void print(String what, long[] nanos) {
    out.printf("  %-34s %s%n", what, Latencies.of(nanos).format());
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (IOException e) {
      return "unknown";
    }
  }

  /** The nearest {@code components} folder above the working directory. */
  private static Path findComponents() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("components");
      if (Files.isRegularFile(candidate.resolve("calculator.wasm"))) {
        return candidate;
      }
    }
    throw new IllegalStateException(
        "no components/calculator.wasm above "
            + Path.of("").toAbsolutePath()
            + "; use --components");
  }
}
