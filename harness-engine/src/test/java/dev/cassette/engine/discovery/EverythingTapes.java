package dev.cassette.engine.discovery;

import dev.cassette.annotations.Flag;
import dev.cassette.annotations.Match;
import dev.cassette.annotations.TapeSuite;

/** A suite of the fixture tapes, for discovery tests (not named *Test*, so Surefire skips it). */
@TapeSuite("classpath:dev/cassette/engine/tapes")
@Match(ignoreExtraFields = Flag.TRUE)
public class EverythingTapes {}
