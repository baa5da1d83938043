package dev.cassette.engine.discovery;

import dev.cassette.annotations.TapeSuite;

/** A suite naming tapes by file path, one of them missing (Surefire skips this class). */
@TapeSuite({"src/test/resources/dev/cassette/engine/tapes/nested", "src/test/resources/nowhere"})
public class FileLocationTapes {}
