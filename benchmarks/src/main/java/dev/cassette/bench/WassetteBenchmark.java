package dev.cassette.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Real Wassette in one run: latency of its trivial tool {@code units} (the inventory component in
 * {@code components/wassette/}) over stdio directly, through the minimal C relay and through {@code
 * cassette record} (recording off and on); Wassette's time from launch to its first answers; the
 * embedded host's {@code add} in-process and over stdio; and the replay time of {@code
 * tapes/wassette/}.
 *
 * <p>Wassette starts through {@code test-peers/wassette/hermetic-run.sh} (temporary HOME and XDG
 * folders, the precompiled component cache), so no compile happens during the rounds. Each round
 * starts a fresh Wassette session for every path, in the same order, each timed from launch to its
 * {@code initialize} answer and its first successful {@code units} answer. Then, by default, all of
 * a round's sessions are open at once and called in turns of {@code batch} calls per path (warm-up,
 * then the timed calls), together with the embedded host's paths, so that the drift of a loaded
 * machine hits every path alike within a fraction of a second; with {@code batch} 0 each session
 * instead runs its warm-up and timed calls alone, one after the other, and is stopped before the
 * next starts. The embedded host's paths are started and warmed once, before the rounds. Figures
 * are medians over the rounds; see {@link WassetteReport}.
 *
 * <p>Arguments: {@code [rounds] [calls] [warmup] [replays] [batch]}, defaults 9, 2000, 5000, 3, 50.
 * System properties: {@code cassette.root} (the repository, default the working directory), {@code
 * cassette.bench} (folder of {@code relay.c}, default {@code benchmarks/tools}).
 */
public final class WassetteBenchmark {
  static final String TOOL = "units";
  static final String ARGUMENTS = "{}";
  static final String EXPECTED = "[\"piece\",\"kilogram\",\"litre\"]";
  private static final Duration READY_TIMEOUT = Duration.ofMinutes(2);

  private final Path root;
  private final Path bench;
  private final Path work;
  private final Path jar;
  private final PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
  private WassetteReport report;

  private WassetteBenchmark(Path root, Path bench) {
    this.root = root;
    this.bench = bench;
    this.work = root.resolve("benchmarks/target/wassette");
    this.jar = root.resolve("cli/target/cassette.jar");
  }

  /** Runs the benchmark and prints the figures as Markdown tables and one JSON line. */
  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 9;
    int calls = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
    int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 5000;
    int replays = args.length > 3 ? Integer.parseInt(args[3]) : 3;
    int batch = args.length > 4 ? Integer.parseInt(args[4]) : 50;
    Path root = Path.of(System.getProperty("cassette.root", "")).toAbsolutePath();
    Path bench =
        Path.of(System.getProperty("cassette.bench", root.resolve("benchmarks/tools").toString()));
    new WassetteBenchmark(root, bench).run(rounds, calls, warmup, replays, batch);
    System.exit(0);
  }

  private void run(int rounds, int calls, int warmup, int replays, int batch) throws Exception {
    require(jar, "build it with: mvn -B -o -q -pl cli -am package -DskipTests");
    require(root.resolve("test-peers/wassette/bin/wassette"), "run test-peers/wassette/install.sh");
    require(root.resolve("components/wassette/inventory.wasm"), "run components/wassette/build.sh");
    Files.createDirectories(work);
    out.printf(
        Locale.ROOT,
        "Wassette benchmark: %d cores, Java %s, load average %s%n",
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"),
        Loads.line());
    precompile();
    Map<String, Path> paths = wassettePaths(buildRelay());
    report = new WassetteReport(paths.keySet(), rounds, calls, warmup, batch);
    Path alone = Files.createDirectories(work.resolve("calculator-only"));
    Files.copy(
        root.resolve("components/calculator.wasm"),
        alone.resolve("calculator.wasm"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    try (EmbeddedHostPaths host = EmbeddedHostPaths.open(alone, jar, work, warmup, System.err)) {
      report.embeddedChild(host.childInitializeNanos(), host.childFirstCallNanos());
      Map<String, Timer> embedded = new LinkedHashMap<>();
      embedded.put(WassetteReport.IN_PROCESS, host::timeInProcess);
      embedded.put(WassetteReport.STDIO_CONNECTION, host::timeStdioConnection);
      embedded.put(WassetteReport.STDIO_CLIENT, host::timeStdio);
      for (int round = 1; round <= rounds; round++) {
        Map<String, long[]> nanos = new LinkedHashMap<>();
        if (batch == 0) {
          for (String name : paths.keySet()) {
            nanos.putAll(group(round, List.of(name), paths, Map.of(), calls, warmup, calls));
          }
          nanos.putAll(group(round, List.of(), paths, embedded, calls, warmup, calls));
        } else {
          nanos.putAll(
              group(round, List.copyOf(paths.keySet()), paths, embedded, calls, warmup, batch));
        }
        report.addEmbedded(
            nanos.get(WassetteReport.IN_PROCESS),
            nanos.get(WassetteReport.STDIO_CLIENT),
            nanos.get(WassetteReport.STDIO_CONNECTION));
        report.load(Loads.now());
      }
    }
    report.print(out);
    new WassetteReplay(root, jar, work, out).run(replays);
    out.printf("load average at the end: %s%n", Loads.line());
  }

  /** Fills Wassette's precompiled cache for the component if it is not yet (timed, not a round). */
  private void precompile() throws IOException, InterruptedException {
    ProcessBuilder builder =
        new ProcessBuilder("test-peers/wassette/hermetic-run.sh", "components/wassette")
            .directory(root.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.INHERIT);
    builder.environment().put("CASSETTE_WASSETTE_PRECOMPILE_ONLY", "1");
    long start = System.nanoTime();
    Process process = builder.start();
    if (!process.waitFor(20, TimeUnit.MINUTES) || process.exitValue() != 0) {
      process.destroyForcibly();
      throw new IllegalStateException("hermetic-run.sh could not precompile components/wassette");
    }
    out.printf(
        Locale.ROOT,
        "precompiled component cache ready (%.1f s; compiling is not part of any figure)%n",
        (System.nanoTime() - start) / 1e9);
  }

  /** The Wassette paths in round order, each mapped to the tape it writes (or {@code null}). */
  private Map<String, Path> wassettePaths(Path relay) {
    Map<String, Path> paths = new LinkedHashMap<>();
    paths.put("direct", null);
    paths.put("C relay", relay);
    paths.put("cassette record, recording off", work.resolve("off.tape.json"));
    paths.put("cassette record, recording on", work.resolve("on.tape.json"));
    return paths;
  }

  private List<String> commandOf(String name, Map<String, Path> paths) {
    List<String> wassette = List.of("test-peers/wassette/hermetic-run.sh", "components/wassette");
    List<String> command = new ArrayList<>();
    switch (name) {
      case "direct" -> {}
      case "C relay" -> command.add(paths.get(name).toString());
      default -> {
        command.addAll(List.of("java", "-jar", jar.toString(), "record"));
        if (name.endsWith("off")) {
          command.add("--no-record");
        }
        command.addAll(List.of("-o", paths.get(name).toString(), "--"));
      }
    }
    command.addAll(wassette);
    return command;
  }

  /** Times a batch of calls on one path. */
  @FunctionalInterface
  private interface Timer {
    long[] time(int calls) throws IOException;
  }

  /**
   * Starts a fresh Wassette session for each of {@code names} (one after the other, each timed from
   * launch to its first answers), then warms them and times them together with {@code embedded}, in
   * turns of {@code batch} calls per path, and stops the sessions.
   *
   * @return each path's timed calls
   */
  private Map<String, long[]> group(
      int round,
      List<String> names,
      Map<String, Path> paths,
      Map<String, Timer> embedded,
      int calls,
      int warmup,
      int batch)
      throws IOException, InterruptedException {
    Map<String, WassetteSession> sessions = new LinkedHashMap<>();
    Map<String, WassetteSession.Started> started = new LinkedHashMap<>();
    Map<String, Timer> timers = new LinkedHashMap<>();
    try {
      for (String name : names) {
        WassetteSession session = WassetteSession.launch(name, commandOf(name, paths), root, work);
        sessions.put(name, session);
        started.put(name, session.start(TOOL, ARGUMENTS, EXPECTED, READY_TIMEOUT));
        timers.put(name, n -> session.client().time(n, TOOL, ARGUMENTS, EXPECTED));
      }
      timers.putAll(embedded);
      inTurns(timers, warmup, batch);
      Map<String, long[]> nanos = inTurns(timers, calls, batch);
      for (String name : names) {
        WassetteReport.Sample sample =
            new WassetteReport.Sample(
                Latencies.of(nanos.get(name)),
                sum(nanos.get(name)),
                started.get(name).initializeNanos(),
                started.get(name).ready());
        report.add(name, sample);
        System.err.printf(Locale.ROOT, "round %d %-32s %s%n", round, name, sample.format());
      }
      return nanos;
    } finally {
      for (WassetteSession session : sessions.values()) {
        session.stop();
      }
    }
  }

  /** {@code calls} calls on every path, in turns of {@code batch} calls per path. */
  private static Map<String, long[]> inTurns(Map<String, Timer> timers, int calls, int batch)
      throws IOException {
    Map<String, long[]> nanos = new LinkedHashMap<>();
    timers.keySet().forEach(name -> nanos.put(name, new long[calls]));
    for (int done = 0; done < calls; done += batch) {
      int n = Math.min(batch, calls - done);
      for (Map.Entry<String, Timer> timer : timers.entrySet()) {
        System.arraycopy(timer.getValue().time(n), 0, nanos.get(timer.getKey()), done, n);
      }
    }
    return nanos;
  }

  private static long sum(long[] nanos) {
    long total = 0;
    for (long n : nanos) {
      total += n;
    }
    return total;
  }

  private Path buildRelay() throws IOException, InterruptedException {
    Path relay = work.resolve("relay");
    Process gcc =
        new ProcessBuilder(
                "gcc",
                "-O2",
                "-pthread",
                "-o",
                relay.toString(),
                bench.resolve("relay.c").toString())
            .inheritIO()
            .start();
    if (!gcc.waitFor(2, TimeUnit.MINUTES) || gcc.exitValue() != 0) {
      throw new IllegalStateException("gcc could not build " + bench.resolve("relay.c"));
    }
    return relay;
  }

  private static void require(Path file, String hint) {
    if (!Files.exists(file)) {
      throw new IllegalStateException(file + " is missing: " + hint);
    }
  }
}
