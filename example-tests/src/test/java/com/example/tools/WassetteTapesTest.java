package com.example.tools;

import dev.cassette.annotations.TapeSuite;

/**
 * The tape suite for real Wassette ({@code tapes/wassette/}): the JavaScript components of {@code
 * components/wassette/}, host errors, load and unload, and permission flows, replayed against a
 * live {@code wassette run} per tape, one JUnit test per exchange. Each tape's server block starts
 * {@code test-peers/wassette/hermetic-run.sh}, which gives Wassette a fresh component folder with
 * the built components and temporary HOME and XDG folders; its paths are relative to the repository
 * root, this suite's working directory (see the {@code tape-suite} Surefire execution). The build
 * installs Wassette and builds the components before the tests run.
 */
@TapeSuite("tapes/wassette")
class WassetteTapesTest {}
