/**
 * Tapes: the recorded-session model ({@link dev.cassette.proxy.tape.Tape} and its parts) and {@link
 * dev.cassette.proxy.tape.TapeCodec}, which reads and writes {@code *.tape.json} files
 * deterministically. The format is described in {@code docs/tape-format.md} and {@code
 * docs/tape.schema.json}.
 */
package dev.cassette.proxy.tape;
