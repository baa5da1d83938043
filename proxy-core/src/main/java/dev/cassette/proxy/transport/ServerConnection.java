package dev.cassette.proxy.transport;

import dev.cassette.proxy.jsonrpc.JsonRpcMessage;
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

  /**
   * Sends one message line; the newline is added.
   *
   * <p>Blocks while the server does not read its input (a full pipe); {@link #close()} from another
   * thread ends such a wait.
   *
   * @throws ServerClosedException if the server has exited or closed its output
   */
  void send(byte[] line) throws IOException;

  /**
   * Waits up to {@code timeout} for the server's next line.
   *
   * @return the line, or {@code null} if none arrived in time
   * @throws ServerClosedException when the server has closed its output or exited; the exception
   *     says how (exit status) and carries the server's diagnostics tail
   */
  byte[] receive(Duration timeout) throws IOException;

  /**
   * Waits up to {@code timeout} for the server's next line and parses it as a JSON-RPC message.
   *
   * @return the message, or {@code null} if none arrived in time
   * @throws dev.cassette.proxy.jsonrpc.MalformedMessageException if the line is not a JSON-RPC
   *     message; the message names the server and shows the line (shortened)
   * @throws ServerClosedException as {@link #receive(Duration)}
   */
  default JsonRpcMessage receiveMessage(Duration timeout) throws IOException {
    byte[] line = receive(timeout);
    return line == null ? null : ServerConnections.parseMessage(line, "server");
  }

  /** The last lines the server wrote to stderr (or logged), for error messages. */
  String diagnosticsTail();

  /** Whether the server is still running. */
  boolean isAlive();

  /** Stops the server within a bounded time and reaps its whole process tree. */
  @Override
  void close();
}
