package com.example.tools;

import dev.cassette.annotations.TapeSuite;

/**
 * The repository's regression tape suite ({@code tapes/}): every tool of every example component,
 * host errors and permission flows, replayed against a fresh embedded host per tape, one JUnit test
 * per exchange. Each tape's own server block names the host and its settings (component folder,
 * deterministic clock and randomness, policy changes kept in memory), relative to the repository
 * root, which is this suite's working directory (see the {@code tape-suite} Surefire execution).
 */
@TapeSuite("tapes")
class ExampleComponentTapesTest {}
