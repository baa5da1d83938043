package dev.cassette.bench;

import dev.cassette.proxy.jsonrpc.Json;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Collects the rounds of a {@link WassetteBenchmark} and prints them: medians over the rounds of
 * each path's p50, p99, calls/s and launch times; what each path adds to the direct p50 and its
 * ratio to what the C relay adds (the bar is 1.2); and round-by-round paired differences, which
 * cancel the drift of a shared machine.
 */
final class WassetteReport {
  private static final double BAR = 1.2;
  private static final String DIRECT = "direct";
  private static final String RELAY = "C relay";
  static final String IN_PROCESS = "embedded host in-process (engine's ServerConnection)";
  static final String STDIO_CONNECTION =
      "embedded host over stdio, cassette host (engine's ServerConnection)";
  static final String STDIO_CLIENT = "embedded host over stdio, cassette host (StdioClient)";

  /**
   * One Wassette session through one path.
   *
   * @param calls the timed calls
   * @param totalNanos the sum of the timed calls
   * @param initializeNanos launch to the {@code initialize} answer
   * @param ready launch to the first successful {@code tools/call} answer
   */
  record Sample(Latencies calls, long totalNanos, long initializeNanos, StdioClient.Ready ready) {

    double p50Millis() {
      return calls.p50Nanos() / 1e6;
    }

    double callsPerSecond() {
      return calls.count() / (totalNanos / 1e9);
    }

    String format() {
      return String.format(
          Locale.ROOT,
          "%s; initialize %.0f ms, first %s %.0f ms after launch (%d error answers before)",
          calls.format(),
          initializeNanos / 1e6,
          WassetteBenchmark.TOOL,
          ready.nanos() / 1e6,
          ready.errorsBefore());
    }
  }

  private final Map<String, List<Sample>> wassette = new LinkedHashMap<>();
  private final List<Latencies> inProcess = new ArrayList<>();
  private final List<Latencies> overStdio = new ArrayList<>();
  private final List<Latencies> overStdioConnection = new ArrayList<>();
  private final List<Double> loads = new ArrayList<>();
  private final int rounds;
  private final int calls;
  private final int warmup;
  private final int batch;
  private long childInitializeNanos;
  private long childFirstCallNanos;

  WassetteReport(Collection<String> paths, int rounds, int calls, int warmup, int batch) {
    paths.forEach(path -> wassette.put(path, new ArrayList<>()));
    this.rounds = rounds;
    this.calls = calls;
    this.warmup = warmup;
    this.batch = batch;
  }

  void add(String path, Sample sample) {
    wassette.get(path).add(sample);
  }

  void addEmbedded(long[] inProcessNanos, long[] stdioNanos, long[] stdioConnectionNanos) {
    inProcess.add(Latencies.of(inProcessNanos));
    overStdio.add(Latencies.of(stdioNanos));
    overStdioConnection.add(Latencies.of(stdioConnectionNanos));
  }

  void embeddedChild(long initializeNanos, long firstCallNanos) {
    childInitializeNanos = initializeNanos;
    childFirstCallNanos = firstCallNanos;
  }

  void load(double average) {
    loads.add(average);
  }

  void print(PrintStream out) {
    double direct = median(wassette.get(DIRECT), Sample::p50Millis);
    double relayAdded = median(wassette.get(RELAY), Sample::p50Millis) - direct;
    double[] relayPaired = paired(RELAY, DIRECT);
    out.printf(
        Locale.ROOT,
        "%n%d rounds x %d sequential tools/call %s on Wassette (after %d warm-up calls), %s;"
            + " medians over rounds; load average per round %s%n%n",
        rounds,
        calls,
        WassetteBenchmark.TOOL,
        warmup,
        batch == 0
            ? "one session after the other"
            : "all paths' sessions open at once, called in turns of " + batch + " calls",
        loads.stream().map(l -> String.format(Locale.ROOT, "%.1f", l)).toList());
    out.println(
        "| path | p50 ms | p99 ms | calls/s | added p50 ms | added p50 / C relay's"
            + " | paired added p50 ms | initialize answered | first units answered |");
    out.println("|---|---|---|---|---|---|---|---|---|");
    Map<String, Object> summary = new LinkedHashMap<>();
    for (Map.Entry<String, List<Sample>> entry : wassette.entrySet()) {
      List<Sample> samples = entry.getValue();
      double p50 = median(samples, Sample::p50Millis);
      double p99 = median(samples, s -> s.calls().p99Nanos() / 1e6);
      double rate = median(samples, Sample::callsPerSecond);
      double init = median(samples, s -> s.initializeNanos() / 1e6);
      double first = median(samples, s -> s.ready().nanos() / 1e6);
      boolean isDirect = entry.getKey().equals(DIRECT);
      double added = p50 - direct;
      double pairedAdded = isDirect ? 0 : median(paired(entry.getKey(), DIRECT));
      out.printf(
          Locale.ROOT,
          "| %s | %.3f | %.3f | %.0f | %s | %s | %s | %.0f ms | %.0f ms |%n",
          entry.getKey(),
          p50,
          p99,
          rate,
          isDirect ? "-" : String.format(Locale.ROOT, "%.3f", added),
          isDirect ? "-" : String.format(Locale.ROOT, "%.2f", added / relayAdded),
          isDirect ? "-" : String.format(Locale.ROOT, "%.3f", pairedAdded),
          init,
          first);
      Map<String, Object> figures = new LinkedHashMap<>();
      figures.put("p50_ms", p50);
      figures.put("p99_ms", p99);
      figures.put("calls_per_s", rate);
      figures.put("initialize_ms", init);
      figures.put("first_call_ms", first);
      if (!isDirect) {
        figures.put("added_over_relay", added / relayAdded);
        figures.put("paired_added_over_relay", pairedAdded / median(relayPaired));
      }
      summary.put(entry.getKey(), figures);
    }
    printPaired(out, relayAdded, relayPaired);
    printEmbedded(out, summary);
    out.println(Json.mapper().writeValueAsString(summary));
  }

  private void printPaired(PrintStream out, double relayAdded, double[] relayPaired) {
    out.printf(
        Locale.ROOT,
        "%npaired by round (p50 ms): C relay - direct %s, median %+.4f%n",
        Arrays.toString(relayPaired),
        median(relayPaired));
    for (String path : wassette.keySet()) {
      if (path.equals(DIRECT) || path.equals(RELAY)) {
        continue;
      }
      double[] overRelay = paired(path, RELAY);
      double pairedAdded = median(paired(path, DIRECT));
      double ratio =
          (median(wassette.get(path), Sample::p50Millis)
                  - median(wassette.get(DIRECT), Sample::p50Millis))
              / relayAdded;
      out.printf(
          Locale.ROOT,
          "%s - C relay %s, median %+.4f; added / C relay's: %.2f from the medians, %.2f paired"
              + " -> bar (<= %.1f) %s%n",
          path,
          Arrays.toString(overRelay),
          median(overRelay),
          ratio,
          pairedAdded / median(relayPaired),
          BAR,
          relayAdded <= 0
              ? "not measurable (the C relay added nothing measurable)"
              : ratio <= BAR ? "met" : "MISSED");
    }
    double[] recording = paired("cassette record, recording on", "cassette record, recording off");
    out.printf(
        Locale.ROOT,
        "recording on - off %s, median %+.4f%n",
        Arrays.toString(recording),
        median(recording));
  }

  private void printEmbedded(PrintStream out, Map<String, Object> summary) {
    out.printf(
        Locale.ROOT,
        "%nEmbedded host, tools/call %s of calculator.wasm (%d calls per round, medians over"
            + " rounds)%n%n| path | p50 ms | p99 ms | mean ms |%n|---|---|---|---|%n",
        EmbeddedHostPaths.TOOL,
        calls);
    embeddedRow(out, summary, IN_PROCESS, inProcess);
    embeddedRow(out, summary, STDIO_CONNECTION, overStdioConnection);
    embeddedRow(out, summary, STDIO_CLIENT, overStdio);
    out.printf(
        Locale.ROOT,
        "%ncassette host child: initialize answered %.0f ms after launch, first %s %.0f ms%n",
        childInitializeNanos / 1e6,
        EmbeddedHostPaths.TOOL,
        childFirstCallNanos / 1e6);
    summary.put("cassette_host_initialize_ms", childInitializeNanos / 1e6);
    summary.put("cassette_host_first_call_ms", childFirstCallNanos / 1e6);
  }

  private static void embeddedRow(
      PrintStream out, Map<String, Object> summary, String name, List<Latencies> rounds) {
    double p50 = medianOf(rounds, l -> l.p50Nanos() / 1e6);
    double p99 = medianOf(rounds, l -> l.p99Nanos() / 1e6);
    double mean = medianOf(rounds, l -> l.meanNanos() / 1e6);
    out.printf(Locale.ROOT, "| %s | %.3f | %.3f | %.3f |%n", name, p50, p99, mean);
    summary.put(name, Map.of("p50_ms", p50, "p99_ms", p99, "mean_ms", mean));
  }

  /** Round by round: the p50 of path {@code a} minus the p50 of path {@code b}, in ms. */
  private double[] paired(String a, String b) {
    List<Sample> first = wassette.get(a);
    List<Sample> second = wassette.get(b);
    double[] differences = new double[first.size()];
    for (int i = 0; i < differences.length; i++) {
      double difference = first.get(i).p50Millis() - second.get(i).p50Millis();
      differences[i] = Math.round(difference * 1e4) / 1e4;
    }
    return differences;
  }

  private static double median(List<Sample> samples, ToDoubleFunction<Sample> field) {
    return median(samples.stream().mapToDouble(field).toArray());
  }

  private static double medianOf(List<Latencies> rounds, ToDoubleFunction<Latencies> field) {
    return median(rounds.stream().mapToDouble(field).toArray());
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }
}
