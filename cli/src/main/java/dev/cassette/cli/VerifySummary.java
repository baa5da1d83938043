package dev.cassette.cli;

import dev.cassette.engine.descriptor.UniqueIds;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Counts tapes and exchanges and keeps each failure's message and each re-recorded tape, for {@code
 * cassette verify}.
 */
final class VerifySummary implements TestExecutionListener {

  private static final String RERECORDED_KEY = "cassette.rerecorded";

  private final AtomicInteger tapes = new AtomicInteger();
  private final AtomicInteger exchanges = new AtomicInteger();
  private final AtomicInteger passed = new AtomicInteger();
  private final AtomicInteger failed = new AtomicInteger();
  private final AtomicInteger skipped = new AtomicInteger();
  private final List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
  private final List<String> rewritten = java.util.Collections.synchronizedList(new ArrayList<>());
  private long started;
  private long finished;

  @Override
  public void testPlanExecutionStarted(TestPlan testPlan) {
    started = System.nanoTime();
  }

  @Override
  public void testPlanExecutionFinished(TestPlan testPlan) {
    finished = System.nanoTime();
  }

  @Override
  public void executionSkipped(TestIdentifier identifier, String reason) {
    if (identifier.isTest()) {
      exchanges.incrementAndGet();
      skipped.incrementAndGet();
    }
  }

  @Override
  public void executionFinished(TestIdentifier identifier, TestExecutionResult result) {
    if (isTape(identifier)) {
      tapes.incrementAndGet();
    }
    if (identifier.isTest()) {
      exchanges.incrementAndGet();
      if (result.getStatus() == TestExecutionResult.Status.SUCCESSFUL) {
        passed.incrementAndGet();
      }
    }
    if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
      failed.incrementAndGet();
      String message =
          result
              .getThrowable()
              .map(t -> t.getMessage() == null ? t.toString() : t.getMessage())
              .orElse("failed");
      failures.add(identifier.getDisplayName() + "\n  " + message.replace("\n", "\n  "));
    }
  }

  /** Keeps the engine's word on each tape it rewrote ({@code wrote …}) or could not write. */
  @Override
  public void reportingEntryPublished(TestIdentifier identifier, ReportEntry entry) {
    if (!isTape(identifier)) {
      return;
    }
    String note = entry.getKeyValuePairs().get(RERECORDED_KEY);
    if (note == null) {
      return;
    }
    rewritten.add(note.startsWith("wrote ") ? "re-recorded " + note.substring(6) : note);
  }

  private static boolean isTape(TestIdentifier identifier) {
    return UniqueIds.TAPE_SEGMENT_TYPE.equals(
        UniqueId.parse(identifier.getUniqueId()).getLastSegment().getType());
  }

  int failed() {
    return failed.get();
  }

  int exchanges() {
    return exchanges.get();
  }

  void print(PrintWriter out) {
    for (String failure : failures) {
      out.println("FAILED " + failure);
      out.println();
    }
    for (String tape : rewritten) {
      out.println(tape);
    }
    out.printf(
        "%d tapes, %d exchanges: %d passed, %d failed, %d skipped in %.1f s%n",
        tapes.get(),
        exchanges.get(),
        passed.get(),
        failed.get(),
        skipped.get(),
        (finished - started) / 1e9);
    out.flush();
  }
}
