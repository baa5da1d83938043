/**
 * Tapes as the engine sees them: where a tape lives (a file or a classpath resource). The lowest of
 * the engine's packages beside {@code config} and {@code match}: discovery, the descriptors and
 * replay all name tapes by their location.
 */
package dev.cassette.engine.tape;
