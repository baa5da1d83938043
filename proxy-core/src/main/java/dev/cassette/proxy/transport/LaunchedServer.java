package dev.cassette.proxy.transport;

import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import org.apiguardian.api.API;

/**
 * A started MCP server seen as a pair of newline-delimited streams: a stdio child process or an
 * embedded server. The session pump relays these streams directly; {@link ServerConnections#open}
 * wraps them as a line-at-a-time {@link ServerConnection}.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface LaunchedServer extends AutoCloseable {

  /** Names the server in messages, for example {@code "server 'node'"}; never arguments or env. */
  String description();

  /** What the server writes: one JSON-RPC message per line. */
  InputStream fromServer();

  /** Where the client writes: one JSON-RPC message per line. */
  OutputStream toServer();

  /** Closes {@link #toServer()}: end of input for the server, which should then exit. */
  void closeInput();

  /**
   * Waits up to {@code timeout} for the server to finish.
   *
   * @return whether it has finished
   */
  boolean awaitExit(Duration timeout);

  /**
   * How the server ended, as words after its description, for example {@code "exited with status
   * 3"}, {@code "was killed by signal 9"} or {@code "closed its output"}.
   */
  String exitDescription();

  /** The last lines the server wrote to stderr (or logged); never secrets we gave it. */
  String diagnosticsTail();

  /** Whether the server is still running. */
  boolean isAlive();

  /**
   * Stops the server: closes its input, waits the grace period, then kills what is left of it (its
   * whole process tree for a child). Bounded and idempotent.
   */
  @Override
  void close();
}
