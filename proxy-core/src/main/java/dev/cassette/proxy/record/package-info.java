/**
 * Recording: turns a relayed MCP session into a tape.
 *
 * <p>{@link dev.cassette.proxy.record.Recorder} listens to a session pump, redacts every message,
 * appends it to a journal beside the tape and, when the session ends cleanly, assembles the
 * exchanges and writes the tape by atomic rename. {@link dev.cassette.proxy.record.TapeRecovery}
 * turns the journal of a killed recording into a tape.
 */
package dev.cassette.proxy.record;
