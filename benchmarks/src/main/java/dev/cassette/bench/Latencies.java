package dev.cassette.bench;

import java.util.Arrays;
import java.util.Locale;

/** Percentiles of a series of measured durations, in nanoseconds. */
record Latencies(int count, long p50Nanos, long p99Nanos, long meanNanos) {

  /** Summarises {@code nanos} (at least one sample). */
  static Latencies of(long[] nanos) {
    if (nanos.length == 0) {
      throw new IllegalArgumentException("nanos is empty");
    }
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    long sum = 0;
    for (long n : sorted) {
      sum += n;
    }
    return new Latencies(
        sorted.length, percentile(sorted, 50), percentile(sorted, 99), sum / sorted.length);
  }

  private static long percentile(long[] sorted, int percent) {
    int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
    return sorted[Math.max(0, rank - 1)];
  }

  /** {@code p50 … p99 … mean … (n calls)} in microseconds. */
  String format() {
    return String.format(
        Locale.ROOT,
        "p50 %9.1f µs   p99 %9.1f µs   mean %9.1f µs   (%d calls)",
        p50Nanos / 1e3,
        p99Nanos / 1e3,
        meanNanos / 1e3,
        count);
  }

  /** Formats a duration in milliseconds. */
  static String millis(long nanos) {
    return String.format(Locale.ROOT, "%8.1f ms", nanos / 1e6);
  }
}
