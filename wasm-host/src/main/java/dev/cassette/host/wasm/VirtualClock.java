package dev.cassette.host.wasm;

import java.time.Instant;

/**
 * A clock for deterministic runs: starts at a fixed instant and advances only by a fixed step per
 * read, or by a virtual sleep. Realtime and monotonic readings share the same elapsed time. One per
 * call, so each call sees the same readings whatever ran before.
 */
final class VirtualClock {
  /** Where realtime starts: 2025-01-01T00:00:00Z. */
  static final Instant START = Instant.parse("2025-01-01T00:00:00Z");

  /** How far each reading advances the clock: one millisecond. */
  static final long STEP_NANOS = 1_000_000L;

  private static final long START_NANOS = START.getEpochSecond() * 1_000_000_000L;
  private static final int REALTIME = 0;

  private long elapsedNanos;

  /** Reads clock {@code clockId} (0 realtime, others monotonic) and advances by one step. */
  synchronized long read(int clockId) {
    long value = peek(clockId);
    elapsedNanos += STEP_NANOS;
    return value;
  }

  /** Reads clock {@code clockId} without advancing. */
  synchronized long peek(int clockId) {
    return clockId == REALTIME ? START_NANOS + elapsedNanos : elapsedNanos;
  }

  /** Advances by {@code nanos} (a virtual sleep). */
  synchronized void advance(long nanos) {
    if (nanos > 0) {
      elapsedNanos += nanos;
    }
  }
}
