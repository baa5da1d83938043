package dev.cassette.engine.discovery;

import dev.cassette.engine.tape.TapeLocation;
import org.junit.platform.engine.DiscoverySelector;

/**
 * Cassette's own selector for one exchange of the tape being resolved.
 *
 * @param location the tape
 * @param number the exchange's 1-based number
 */
record ExchangeSelector(TapeLocation location, int number) implements DiscoverySelector {}
