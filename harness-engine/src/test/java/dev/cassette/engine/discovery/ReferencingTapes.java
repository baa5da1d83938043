package dev.cassette.engine.discovery;

import dev.cassette.annotations.Server;
import dev.cassette.annotations.TapeSuite;

/** A suite whose {@code @Server} refers to configuration parameters (Surefire skips it). */
@TapeSuite("classpath:dev/cassette/engine/tapes")
@Server(
    command = "node ${peers}/server.js --stdio",
    workingDirectory = "${peers}",
    settings = {"unused=${peers}"})
public class ReferencingTapes {}
