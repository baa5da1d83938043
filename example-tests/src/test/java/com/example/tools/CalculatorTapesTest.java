package com.example.tools;

import dev.cassette.annotations.Server;
import dev.cassette.annotations.TapeSuite;

/**
 * The tapes the {@code @Tape} tests recorded, replayed by the {@code cassette} engine as a suite:
 * one JUnit test per exchange, against a fresh embedded host.
 */
@TapeSuite("src/test/resources/tapes/calculator")
@Server(
    embedded = "wassette",
    settings = {"componentDir=../components", "deterministic=true"})
class CalculatorTapesTest {}
