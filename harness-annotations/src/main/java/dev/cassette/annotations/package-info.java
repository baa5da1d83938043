/** Cassette's user-facing annotations: @TapeSuite, @Tape, @Server and @Match. No dependencies. */
package dev.cassette.annotations;
