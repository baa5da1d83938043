package dev.cassette.engine.discovery;

import dev.cassette.engine.tape.TapeLocation;
import java.util.Objects;
import org.junit.platform.engine.DiscoverySelector;

/**
 * Cassette's own selector for one tape, or for the exchange at a line of it.
 *
 * @param location the tape
 * @param line a 1-based line selecting the exchange that contains it, or {@code null} for the whole
 *     tape
 */
record TapeSelector(TapeLocation location, Integer line) implements DiscoverySelector {
  TapeSelector {
    Objects.requireNonNull(location, "location");
  }

  static TapeSelector whole(TapeLocation location) {
    return new TapeSelector(location, null);
  }
}
