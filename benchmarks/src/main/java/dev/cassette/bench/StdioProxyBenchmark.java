package dev.cassette.bench;

import dev.cassette.proxy.jsonrpc.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;

/**
 * Measures what {@code cassette record} adds to a stdio MCP session, against the direct path and
 * the minimal C relay, in one run.
 *
 * <p>Each round runs {@code mcp-latency.mjs} (sequential {@code tools/call echo} against
 * server-everything) once per path, interleaved so that drift on the machine hits every path alike;
 * the figures are the medians over the rounds. A last run records a long session under {@code
 * -Xmx64m} and reports the recorder's peak RSS and the tape it wrote.
 *
 * <p>Besides the medians, the report pairs each round's p50 of one path with the p50 of the path
 * measured just before it (recording on with recording off, recording off with the C relay), and
 * gives the median of those differences: drift on a shared machine moves both members of a pair.
 *
 * <p>Arguments: {@code [rounds] [calls] [warmup] [memoryCalls]}, defaults 9, 2000, 8000, 50000
 * (8000 warm-up calls let the JVM compile the relay and recorder paths, so the figures are the
 * steady state; run with a small warm-up to see a cold start). A {@code memoryCalls} of 0 skips the
 * memory run. System properties: {@code cassette.root} (the repository, default the working
 * directory) and {@code cassette.bench} (folder of {@code relay.c} and {@code mcp-latency.mjs},
 * default {@code benchmarks/tools} under the repository).
 */
public final class StdioProxyBenchmark {

  private static final Duration RUN_TIMEOUT = Duration.ofMinutes(10);

  private final Path root;
  private final Path bench;
  private final Path work;
  private final Path jar;
  private final Path server;

  private StdioProxyBenchmark(Path root, Path bench) {
    this.root = root;
    this.bench = bench;
    this.work = root.resolve("benchmarks/target/stdio-proxy");
    this.jar = root.resolve("cli/target/cassette.jar");
    this.server =
        root.resolve(
            "test-peers/node_modules/@modelcontextprotocol/server-everything/dist/index.js");
  }

  /** Runs the benchmark and prints the figures as a Markdown table and one JSON line. */
  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 9;
    int calls = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
    int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 8000;
    int memoryCalls = args.length > 3 ? Integer.parseInt(args[3]) : 50_000;
    Path root = Path.of(System.getProperty("cassette.root", "")).toAbsolutePath();
    Path bench =
        Path.of(System.getProperty("cassette.bench", root.resolve("benchmarks/tools").toString()));
    new StdioProxyBenchmark(root, bench).run(rounds, calls, warmup, memoryCalls);
  }

  private void run(int rounds, int calls, int warmup, int memoryCalls) throws Exception {
    require(jar, "build it with: mvn -B -q package -DskipTests -pl cli -am");
    require(server, "install the test peers: test-peers/install.sh");
    Files.createDirectories(work);
    Path relay = buildRelay();
    Map<String, List<String>> paths = new LinkedHashMap<>();
    paths.put("direct", List.of("node", server.toString(), "stdio"));
    paths.put("C relay", List.of(relay.toString(), "node", server.toString(), "stdio"));
    paths.put("cassette, recording off", cassette(List.of("--no-record"), "off"));
    paths.put("cassette, recording on", cassette(List.of(), "on"));
    Map<String, List<JsonNode>> results = new LinkedHashMap<>();
    paths.keySet().forEach(name -> results.put(name, new ArrayList<>()));
    for (int round = 1; round <= rounds; round++) {
      for (Map.Entry<String, List<String>> path : paths.entrySet()) {
        Files.deleteIfExists(work.resolve("on.tape.json"));
        Files.deleteIfExists(work.resolve("off.tape.json"));
        JsonNode result = latency(path.getValue(), calls, warmup);
        results.get(path.getKey()).add(result);
        System.err.printf(
            Locale.ROOT, "round %d %-24s %s%n", round, path.getKey(), Json.compact(result));
      }
    }
    report(results, rounds, calls, warmup);
    if (memoryCalls > 0) {
      memory(memoryCalls);
    }
  }

  private List<String> cassette(List<String> flags, String tape) {
    List<String> command = new ArrayList<>(List.of("java", "-jar", jar.toString(), "record"));
    command.addAll(flags);
    command.addAll(
        List.of(
            "-o",
            work.resolve(tape + ".tape.json").toString(),
            "--",
            "node",
            server.toString(),
            "stdio"));
    return command;
  }

  private Path buildRelay() throws IOException, InterruptedException {
    Path relay = work.resolve("relay");
    run(
        List.of(
            "gcc", "-O2", "-pthread", "-o", relay.toString(), bench.resolve("relay.c").toString()),
        null);
    return relay;
  }

  private JsonNode latency(List<String> serverCommand, int calls, int warmup)
      throws IOException, InterruptedException {
    ProcessBuilder builder = latencyClient(serverCommand, calls, warmup);
    String out = run(builder.command(), builder.environment());
    String last = out.strip().lines().reduce((a, b) -> b).orElseThrow();
    JsonNode result = Json.parse(last);
    if (result.path("bad").asInt() != 0) {
      throw new IllegalStateException("wrong echo results through " + serverCommand + ": " + last);
    }
    return result;
  }

  /** {@code mcp-latency.mjs} driving {@code serverCommand} over stdio. */
  private ProcessBuilder latencyClient(List<String> serverCommand, int calls, int warmup) {
    ProcessBuilder builder =
        new ProcessBuilder(
            "node",
            bench.resolve("mcp-latency.mjs").toString(),
            "stdio",
            String.valueOf(calls),
            String.valueOf(warmup));
    builder.environment().put("SERVER_CMD", Json.mapper().writeValueAsString(serverCommand));
    builder.environment().put("PEERS_DIR", root.resolve("test-peers").toString());
    return builder;
  }

  private void report(Map<String, List<JsonNode>> results, int rounds, int calls, int warmup) {
    double direct = median(results.get("direct"), "median_ms");
    double relayAdded = median(results.get("C relay"), "median_ms") - direct;
    StringBuilder table = new StringBuilder();
    table.append(
        String.format(
            Locale.ROOT,
            "%d rounds x %d sequential tools/call echo (after %d warm-up calls), medians over rounds%n%n",
            rounds,
            calls,
            warmup));
    table.append("| path | p50 ms | p99 ms | calls/s | added p50 ms | added p50 / C relay's |\n");
    table.append("|---|---|---|---|---|---|\n");
    Map<String, Object> summary = new LinkedHashMap<>();
    for (Map.Entry<String, List<JsonNode>> entry : results.entrySet()) {
      double p50 = median(entry.getValue(), "median_ms");
      double p99 = median(entry.getValue(), "p99_ms");
      double rate = median(entry.getValue(), "calls_per_s");
      double added = p50 - direct;
      table.append(
          String.format(
              Locale.ROOT,
              "| %s | %.3f | %.3f | %.0f | %s | %s |%n",
              entry.getKey(),
              p50,
              p99,
              rate,
              entry.getKey().equals("direct") ? "-" : String.format(Locale.ROOT, "%.3f", added),
              entry.getKey().equals("direct")
                  ? "-"
                  : String.format(Locale.ROOT, "%.2f", added / relayAdded)));
      summary.put(entry.getKey(), Map.of("p50_ms", p50, "p99_ms", p99, "calls_per_s", rate));
    }
    List<JsonNode> offRuns = results.get("cassette, recording off");
    double off = median(offRuns, "median_ms");
    double on = median(results.get("cassette, recording on"), "median_ms");
    double[] recording = pairedDifferences(results.get("cassette, recording on"), offRuns);
    double[] proxy = pairedDifferences(offRuns, results.get("C relay"));
    table.append(
        String.format(
            Locale.ROOT,
            "%nrecording adds %.3f ms to the p50 (%.1f%% of the proxied p50)%n"
                + "paired by round (p50, ms): recording on - off %s, median %+.4f (%.1f%%);"
                + " recording off - C relay %s, median %+.4f%n",
            on - off,
            (on - off) / off * 100,
            Arrays.toString(recording),
            median(recording),
            median(recording) / off * 100,
            Arrays.toString(proxy),
            median(proxy)));
    System.out.print(table);
    summary.put("recording_adds_percent", (on - off) / off * 100);
    summary.put("recording_adds_paired_percent", median(recording) / off * 100);
    summary.put("proxy_minus_relay_paired_ms", median(proxy));
    System.out.println(Json.mapper().writeValueAsString(summary));
  }

  private void memory(int calls) throws IOException, InterruptedException {
    Path tape = work.resolve("memory.tape.json");
    Files.deleteIfExists(tape);
    List<String> recorder =
        List.of(
            "java",
            "-Xmx64m",
            "-jar",
            jar.toString(),
            "record",
            "-o",
            tape.toString(),
            "--",
            "node",
            server.toString(),
            "stdio");
    ProcessBuilder builder =
        latencyClient(recorder, calls, 0)
            .directory(root.toFile())
            .redirectError(ProcessBuilder.Redirect.INHERIT);
    long started = System.nanoTime();
    Process harness = builder.start();
    ProcessHandle java = null;
    long peakKib = 0;
    long deadline = System.nanoTime() + RUN_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (java == null) {
        java =
            harness
                .descendants()
                .filter(p -> p.info().command().orElse("").endsWith("java"))
                .findFirst()
                .orElse(null);
      }
      if (java != null) {
        peakKib = Math.max(peakKib, peakRssKib(java.pid()));
        if (!java.isAlive() && !harness.isAlive()) {
          break;
        }
      }
      Thread.sleep(100);
    }
    String out = new String(harness.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    JsonNode result = Json.parse(out.strip().lines().reduce((a, b) -> b).orElseThrow());
    double seconds = (System.nanoTime() - started) / 1e9;
    long exchanges = countExchanges(tape);
    System.out.printf(
        Locale.ROOT,
        "%nmemory: %d calls (%d messages) recorded under -Xmx64m: tape with %d exchanges (%d bytes);"
            + " recorder peak RSS %d MiB (VmHWM); %.1f s of calls at %s calls/s, %.1f s until the"
            + " recorder exited%n",
        calls,
        2L * calls + 3,
        exchanges,
        Files.exists(tape) ? Files.size(tape) : -1,
        peakKib / 1024,
        result.path("total_s").asDouble(),
        result.path("calls_per_s").asText(),
        seconds);
  }

  /** The peak resident set of a process so far, from {@code /proc/<pid>/status}, in KiB. */
  private static long peakRssKib(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("\\D+", ""));
        }
      }
    } catch (IOException | NumberFormatException e) {
      // The process has exited between two samples.
    }
    return 0;
  }

  private static long countExchanges(Path tape) throws IOException {
    if (!Files.exists(tape)) {
      return -1;
    }
    try (var lines = Files.lines(tape, StandardCharsets.UTF_8)) {
      return lines.filter(line -> line.equals("    {")).count();
    }
  }

  private static double median(List<JsonNode> results, String field) {
    return median(results.stream().mapToDouble(r -> r.path(field).asDouble()).toArray());
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  /** Round by round: the p50 of {@code a} minus the p50 of {@code b} measured just before it. */
  private static double[] pairedDifferences(List<JsonNode> a, List<JsonNode> b) {
    double[] differences = new double[a.size()];
    for (int i = 0; i < differences.length; i++) {
      double difference =
          a.get(i).path("median_ms").asDouble() - b.get(i).path("median_ms").asDouble();
      differences[i] = Math.round(difference * 1e4) / 1e4;
    }
    return differences;
  }

  private static void require(Path file, String hint) {
    if (!Files.exists(file)) {
      throw new IllegalStateException(file + " is missing: " + hint);
    }
  }

  private String run(List<String> command, Map<String, String> environment)
      throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile());
    if (environment != null) {
      builder.environment().putAll(environment);
    }
    builder.redirectError(ProcessBuilder.Redirect.INHERIT);
    Process process = builder.start();
    byte[] out = process.getInputStream().readAllBytes();
    if (!process.waitFor(RUN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      throw new IllegalStateException("timed out: " + command);
    }
    if (process.exitValue() != 0) {
      throw new IllegalStateException("exit status " + process.exitValue() + ": " + command);
    }
    return new String(out, StandardCharsets.UTF_8);
  }
}
