package dev.cassette.bench;

import dev.cassette.proxy.jsonrpc.Json;
import dev.cassette.proxy.tape.ServerSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import tools.jackson.databind.node.ObjectNode;

/**
 * Replay throughput of the {@code cassette} engine: tapes of ten exchanges replayed through the
 * JUnit Platform Launcher against the in-process embedded host ({@code wassette}, the example
 * components) and against {@code server-everything} over stdio, with a fresh server per tape and
 * with one server per run ({@code cassette.server.reuse=suite}).
 *
 * <p>Each case prints tapes/s, exchanges/s, wall time, and the engine's own time per exchange. The
 * own time comes from a second, timed run ({@link TimedCassetteEngine}): wall time minus the time
 * spent starting servers, blocked in {@code ServerConnection.receive} waiting for the server's next
 * line, and stopping servers; and, independent of machine load, the CPU time of the engine's thread
 * outside server start and stop.
 *
 * <p>Arguments: {@code [embeddedTapes] [stdioTapes]}, defaults 1000 and 50 ({@code 0} stdio tapes
 * skips server-everything). System property {@code cassette.root}: the repository (default the
 * working directory).
 */
public final class ReplayBenchmark {

  private final Path root;
  private final Path work;

  private ReplayBenchmark(Path root, Path work) {
    this.root = root;
    this.work = work;
  }

  /** Runs the benchmark and prints the figures. */
  public static void main(String[] args) throws Exception {
    int embeddedTapes = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    int stdioTapes = args.length > 1 ? Integer.parseInt(args[1]) : 50;
    Path root = Path.of(System.getProperty("cassette.root", "")).toAbsolutePath();
    Path work = Files.createTempDirectory("cassette-replay-bench");
    try {
      new ReplayBenchmark(root, work).run(embeddedTapes, stdioTapes);
    } finally {
      deleteTree(work);
    }
  }

  private void run(int embeddedTapes, int stdioTapes) throws IOException {
    System.out.printf(
        Locale.ROOT,
        "cores %d, load average %.1f at start%n",
        Runtime.getRuntime().availableProcessors(),
        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    Path components = root.resolve("components");
    ObjectNode embedded = Json.mapper().createObjectNode();
    embedded.put("name", "wassette");
    embedded.put("componentDir", components.toString());
    ServerSpec host =
        new ServerSpec(ServerSpec.EMBEDDED, null, null, embedded, null, null, null, null, null);
    Path hostTapes = work.resolve("host");
    BenchTapes.write(hostTapes, embeddedTapes, host, calculatorCalls());
    Map<String, String> hostConfig = new LinkedHashMap<>();
    hostConfig.put("cassette.record", "none");
    hostConfig.put("cassette.server.embedded", "wassette");
    hostConfig.put("cassette.server.settings.componentDir", components.toString());
    report("in-process host, fresh server per tape (cold)", hostTapes, embeddedTapes, hostConfig);
    report("in-process host, fresh server per tape (warm)", hostTapes, embeddedTapes, hostConfig);
    timed("in-process host, fresh server per tape", hostTapes, embeddedTapes, hostConfig);
    Map<String, String> hostShared = new LinkedHashMap<>(hostConfig);
    hostShared.put("cassette.server.reuse", "suite");
    report("in-process host, reuse=suite", hostTapes, embeddedTapes, hostShared);
    timed("in-process host, reuse=suite", hostTapes, embeddedTapes, hostShared);
    if (stdioTapes > 0) {
      replayStdio(stdioTapes);
    }
  }

  private void replayStdio(int stdioTapes) throws IOException {
    Path server =
        root.resolve(
            "test-peers/node_modules/@modelcontextprotocol/server-everything/dist/index.js");
    List<String> command = List.of("node", server.toString(), "stdio");
    Path stdioTapeFolder = work.resolve("stdio");
    BenchTapes.write(stdioTapeFolder, stdioTapes, ServerSpec.stdio(command), everythingCalls());
    Map<String, String> stdioConfig = new LinkedHashMap<>();
    stdioConfig.put("cassette.record", "none");
    stdioConfig.put("cassette.server.command", "node '" + server + "' stdio");
    timed(
        "server-everything over stdio, fresh process per tape",
        stdioTapeFolder,
        stdioTapes,
        stdioConfig);
    Map<String, String> stdioShared = new LinkedHashMap<>(stdioConfig);
    stdioShared.put("cassette.server.reuse", "suite");
    timed("server-everything over stdio, reuse=suite", stdioTapeFolder, stdioTapes, stdioShared);
  }

  private static List<ObjectNode> calculatorCalls() {
    List<ObjectNode> calls = new ArrayList<>();
    for (int i = 0; i < 64; i++) {
      calls.add(call(i % 2 == 0 ? "add" : "multiply", "a", i * 1.5, "b", 7 - i));
    }
    return calls;
  }

  private static List<ObjectNode> everythingCalls() {
    List<ObjectNode> calls = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      if (i % 2 == 0) {
        calls.add(call("get-sum", "a", i, "b", i * 3.25));
      } else {
        ObjectNode echo = Json.mapper().createObjectNode();
        echo.put("name", "echo");
        echo.putObject("arguments").put("message", "replay benchmark #" + i);
        calls.add(echo);
      }
    }
    return calls;
  }

  private static ObjectNode call(String tool, String a, double x, String b, double y) {
    ObjectNode params = Json.mapper().createObjectNode();
    params.put("name", tool);
    ObjectNode arguments = params.putObject("arguments");
    arguments.put(a, x);
    arguments.put(b, y);
    return params;
  }

  private void report(String name, Path tapes, int count, Map<String, String> configuration) {
    ReplayRun.Result result = ReplayRun.run(tapes, count, configuration, false);
    System.out.println(Figures.line(name, result, loadAverage()));
  }

  private void timed(String name, Path tapes, int count, Map<String, String> configuration) {
    ReplayRun.Result result = ReplayRun.run(tapes, count, configuration, true);
    System.out.println(Figures.line(name + " (timed)", result, loadAverage()));
    System.out.println(Figures.breakdown(result));
  }

  private static double loadAverage() {
    return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  private static void deleteTree(Path folder) throws IOException {
    try (Stream<Path> paths = Files.walk(folder)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
