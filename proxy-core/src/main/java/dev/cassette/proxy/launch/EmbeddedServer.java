package dev.cassette.proxy.launch;

import java.io.InputStream;
import java.io.OutputStream;
import org.apiguardian.api.API;

/**
 * A running in-process MCP server: newline-delimited UTF-8 JSON-RPC in and out, as over stdio.
 *
 * <p>{@link #close()} stops the server and releases its threads within a bounded time; after it,
 * {@link #fromServer()} reaches end of stream.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface EmbeddedServer extends AutoCloseable {

  /** What the server writes: one JSON-RPC message per line. */
  InputStream fromServer();

  /** Where the client writes: one JSON-RPC message per line; closing it is end of input. */
  OutputStream toServer();

  /** The last lines the server logged (its "stderr"), for error messages; never secrets. */
  String diagnosticsTail();

  @Override
  void close();
}
