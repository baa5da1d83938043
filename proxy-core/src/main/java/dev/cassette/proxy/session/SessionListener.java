package dev.cassette.proxy.session;

import org.apiguardian.api.API;

/**
 * Observes the lines a session pump relays, after each was forwarded.
 *
 * <p>The pump calls it from its relay threads, one call at a time per direction, in wire order,
 * after the line was forwarded: the peers are already busy with it, but the next line of that
 * direction waits until the call returns, so an implementation must be quick (the {@link
 * dev.cassette.proxy.record.Recorder} takes about a microsecond a line) or hand the bytes to its
 * own thread. It never changes what is relayed. A line is not guaranteed to be JSON: a misbehaving
 * peer's bytes arrive here as they were.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface SessionListener {

  /** Which way a line travelled. */
  enum Direction {
    /** From the MCP client to the server. */
    CLIENT_TO_SERVER,
    /** From the server to the MCP client. */
    SERVER_TO_CLIENT
  }

  /**
   * A line was relayed.
   *
   * @param direction which way it went
   * @param line the line's bytes without the newline; owned by the listener from now on
   * @param nanoTime {@link System#nanoTime()} when the line was read
   */
  void onLine(Direction direction, byte[] line, long nanoTime);

  /**
   * The session ended.
   *
   * @param reason why, in words (for example {@code "client closed stdin"} or {@code "server exited
   *     with status 1"})
   */
  default void onClose(String reason) {}
}
