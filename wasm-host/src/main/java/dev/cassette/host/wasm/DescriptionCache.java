package dev.cassette.host.wasm;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Component descriptions shared by every runtime in the JVM (replaying many tapes starts many hosts
 * on the same components): what {@code cassette_describe} returned, kept by the SHA-256 of the
 * module's bytes and everything else the describe call ran with (component id, clocks and seed,
 * time and memory budget), so a changed file is always described anew and a cached description is
 * exactly what a fresh describe would have produced from those bytes. Failed describes are not
 * kept. At most {@value #SIZE} descriptions are kept, the least recently used dropped first.
 */
final class DescriptionCache {
  private static final int SIZE = 256;

  private static final Map<Key, ComponentDescription> DESCRIPTIONS =
      Collections.synchronizedMap(
          new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, ComponentDescription> eldest) {
              return size() > SIZE;
            }
          });

  private static final AtomicLong DESCRIBE_RUNS = new AtomicLong();

  private DescriptionCache() {}

  /**
   * What the describe of a module ran with: a description is reused only for an equal key. The
   * environment values are not part of it because describe runs under a deny-all policy.
   */
  record Key(
      String sha256,
      String componentId,
      boolean deterministic,
      long seed,
      Duration callTimeout,
      long memoryLimitBytes) {
    static Key of(String sha256, String componentId, SandboxSettings settings) {
      return new Key(
          sha256,
          componentId,
          settings.deterministic(),
          settings.seed(),
          settings.callTimeout(),
          settings.defaultMemoryLimitBytes());
    }
  }

  /** Runs a component's describe. */
  @FunctionalInterface
  interface Describer {
    ComponentDescription describe() throws GuestException;
  }

  /**
   * The description kept for {@code key}, or the one {@code describer} produces now (then kept).
   *
   * @throws GuestException if the describe fails (nothing is kept)
   */
  static ComponentDescription get(Key key, Describer describer) throws GuestException {
    ComponentDescription cached = DESCRIPTIONS.get(key);
    if (cached != null) {
      return cached;
    }
    DESCRIBE_RUNS.incrementAndGet();
    ComponentDescription fresh = describer.describe();
    ComponentDescription winner = DESCRIPTIONS.putIfAbsent(key, fresh);
    return winner != null ? winner : fresh;
  }

  /** How many describes have run in this JVM (for tests). */
  static long describeRuns() {
    return DESCRIBE_RUNS.get();
  }
}
