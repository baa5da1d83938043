package dev.cassette.proxy.transport;

import java.io.IOException;
import java.time.Duration;
import org.apiguardian.api.API;

/**
 * The client side of a connection to a live MCP server: send lines, receive lines.
 *
 * <p>Each line is one JSON-RPC message (or batch) without its newline, as UTF-8 bytes. The replayer
 * and the {@code @Tape} extension use it to talk to stdio children, embedded servers and (later)
 * HTTP endpoints alike.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface ServerConnection extends AutoCloseable {

  /** Sends one message line; the newline is added. */
  void send(byte[] line) throws IOException;

  /**
   * Waits up to {@code timeout} for the server's next line.
   *
   * @return the line, or {@code null} if none arrived in time
   * @throws ServerClosedException when the server has closed its output or exited; the exception
   *     says how (exit status) and carries the server's diagnostics tail
   */
  byte[] receive(Duration timeout) throws IOException;

  /** The last lines the server wrote to stderr (or logged), for error messages. */
  String diagnosticsTail();

  /** Whether the server is still running. */
  boolean isAlive();

  /** Stops the server within a bounded time and reaps its whole process tree. */
  @Override
  void close();
}
