package dev.cassette.engine.descriptor;

import dev.cassette.annotations.Server;
import dev.cassette.annotations.TapeSuite;

/**
 * Three tapes with the same exchanges, two of them with the same name ({@code twin}), against the
 * counter server; {@code beta} expects a count the fresh server never answers, so its second
 * exchange fails on every run (Surefire skips this class).
 */
@TapeSuite("classpath:dev/cassette/engine/twins")
@Server(command = "node src/test/resources/dev/cassette/engine/servers/counter.js")
public class TwinTapes {}
