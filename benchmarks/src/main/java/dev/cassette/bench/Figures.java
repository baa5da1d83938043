package dev.cassette.bench;

import java.util.Locale;

/** Formats what a {@link ReplayRun} measured. */
final class Figures {

  private Figures() {}

  /** Throughput, wall time and the JVM's CPU time of a run, with the load average when it ended. */
  static String line(String name, ReplayRun.Result result, double loadAverage) {
    double wall = result.wallSeconds();
    return String.format(
        Locale.ROOT,
        "%-58s %5d tapes %6d exchanges in %6.2f s (discovery %.2f s, JVM CPU %.2f s): %7.1f"
            + " tapes/s %8.1f exchanges/s; %s; load %.1f",
        name,
        result.tapes(),
        result.exchanges(),
        wall,
        result.discoveryNanos() / 1e9,
        result.processCpuNanos() / 1e9,
        result.tapes() / wall,
        result.exchanges() / wall,
        result.failed() == 0
            ? "all passed"
            : result.failed() + " NOT PASSED, first: " + result.firstFailure(),
        loadAverage);
  }

  /** Where the execution time of a timed run went, per exchange. */
  static String breakdown(ReplayRun.Result result) {
    TimedLauncher timed = result.timed();
    double exchanges = result.exchanges();
    long execution = result.executionNanos();
    long server = timed.serverNanos();
    long ownWall = result.discoveryNanos() + execution - server;
    long ownCpu = result.engineThreadCpuNanos() - timed.startStopCpuNanos.sum();
    return String.format(
        Locale.ROOT,
        "    per exchange: server start %.1f us (%d starts), waiting in receive %.1f us (%d"
            + " receives), server stop %.1f us; engine's own %.1f us wall (incl. discovery %.1f"
            + " us), %.1f us CPU on the engine thread",
        micros(timed.openNanos.sum(), exchanges),
        timed.opens.sum(),
        micros(timed.receiveNanos.sum(), exchanges),
        timed.receives.sum(),
        micros(timed.closeNanos.sum(), exchanges),
        micros(ownWall, exchanges),
        micros(result.discoveryNanos(), exchanges),
        micros(ownCpu, exchanges));
  }

  private static double micros(long nanos, double exchanges) {
    return nanos / 1e3 / exchanges;
  }
}
