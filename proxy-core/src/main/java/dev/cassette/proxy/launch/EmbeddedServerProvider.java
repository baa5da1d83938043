package dev.cassette.proxy.launch;

import java.io.IOException;
import org.apiguardian.api.API;

/**
 * Service provider interface for MCP servers that run inside the JVM, found with {@link
 * java.util.ServiceLoader}.
 *
 * <p>The embedded Wassette-compatible host implements it, so the engine and the CLI can start it
 * without depending on it. An embedded server speaks newline-delimited JSON-RPC over a pair of
 * streams, exactly like a stdio child, so the same transport serves both.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface EmbeddedServerProvider {

  /** The name a tape or configuration uses to choose this server, for example {@code wassette}. */
  String name();

  /**
   * Starts a fresh server.
   *
   * @param options the server's settings
   * @return the running server; the caller closes it
   * @throws IOException if the server cannot start; the message says why
   */
  EmbeddedServer start(EmbeddedServerOptions options) throws IOException;
}
