package dev.cassette.engine.replay;

import dev.cassette.annotations.Server;
import dev.cassette.annotations.TapeSuite;

/**
 * Two tapes against a stateful counter server named by {@code @Server} (Surefire skips this class).
 */
@TapeSuite("classpath:dev/cassette/engine/counter")
@Server(command = "node src/test/resources/dev/cassette/engine/servers/counter.js")
public class CounterTapes {}
