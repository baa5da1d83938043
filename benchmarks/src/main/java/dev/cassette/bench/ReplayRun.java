package dev.cassette.bench;

import dev.cassette.engine.CassetteTestEngine;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Map;
import org.junit.platform.engine.TestEngine;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * One replay of a folder of tapes through the JUnit Platform Launcher, with only the {@code
 * cassette} engine registered, timed in three parts: discovery (reading the tapes), execution, and
 * (with a {@link TimedCassetteEngine}) the part of execution spent on the server.
 */
final class ReplayRun {

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  /**
   * What a run measured.
   *
   * @param tapes tapes run
   * @param exchanges exchanges run (tests)
   * @param failed exchanges that did not pass (failed, aborted or skipped)
   * @param discoveryNanos wall time of discovery
   * @param executionNanos wall time of execution
   * @param engineThreadCpuNanos CPU time of the thread that ran the tapes, during execution
   * @param processCpuNanos CPU time of the whole JVM (every thread, JIT and GC included) during
   *     discovery and execution: unlike wall time, barely inflated by other load on the machine
   * @param timed the stopwatches around the server, or {@code null} for the plain engine
   * @param firstFailure the first failure's message, or {@code null}
   */
  record Result(
      int tapes,
      long exchanges,
      long failed,
      long discoveryNanos,
      long executionNanos,
      long engineThreadCpuNanos,
      long processCpuNanos,
      TimedLauncher timed,
      String firstFailure) {

    double wallSeconds() {
      return (discoveryNanos + executionNanos) / 1e9;
    }
  }

  private ReplayRun() {}

  /** Replays every tape in {@code folder} with the plain engine or the timed one. */
  static Result run(Path folder, int tapes, Map<String, String> configuration, boolean timed) {
    TimedCassetteEngine timedEngine = timed ? new TimedCassetteEngine() : null;
    TestEngine engine = timed ? timedEngine : new CassetteTestEngine();
    Launcher launcher =
        LauncherFactory.create(
            LauncherConfig.builder()
                .enableTestEngineAutoRegistration(false)
                .addTestEngines(engine)
                .build());
    LauncherDiscoveryRequest request =
        LauncherDiscoveryRequestBuilder.request()
            .selectors(DiscoverySelectors.selectDirectory(folder.toFile()))
            .enableImplicitConfigurationParameters(false)
            .configurationParameters(configuration)
            .build();
    SummaryGeneratingListener summary = new SummaryGeneratingListener();
    long processCpuBefore = processCpuNanos();
    long started = System.nanoTime();
    TestPlan plan = launcher.discover(request);
    long discovered = System.nanoTime();
    long cpuBefore = THREADS.getCurrentThreadCpuTime();
    launcher.execute(plan, summary);
    long cpu = THREADS.getCurrentThreadCpuTime() - cpuBefore;
    long finished = System.nanoTime();
    long processCpu = processCpuNanos() - processCpuBefore;
    TestExecutionSummary result = summary.getSummary();
    String firstFailure =
        result.getFailures().isEmpty()
            ? null
            : result.getFailures().get(0).getTestIdentifier().getDisplayName()
                + ": "
                + result.getFailures().get(0).getException().getMessage();
    long notPassed =
        result.getTestsFailedCount()
            + result.getTestsAbortedCount()
            + result.getTestsSkippedCount()
            + result.getContainersFailedCount();
    return new Result(
        tapes,
        result.getTestsFoundCount(),
        notPassed,
        discovered - started,
        finished - discovered,
        cpu,
        processCpu,
        timed ? timedEngine.launcher : null,
        firstFailure);
  }

  /** The CPU time of this JVM so far, or {@code -1} where the JVM does not tell. */
  private static long processCpuNanos() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    return -1;
  }
}
