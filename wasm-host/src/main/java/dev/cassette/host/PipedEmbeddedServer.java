package dev.cassette.host;

import dev.cassette.proxy.launch.EmbeddedServer;
import java.io.InputStream;
import java.io.OutputStream;

/** A running embedded host, spoken to through two in-memory pipes. */
final class PipedEmbeddedServer implements EmbeddedServer {
  private final WasmHost host;
  private final BytePipe toServer;
  private final BytePipe fromServer;
  private final Diagnostics diagnostics;

  PipedEmbeddedServer(
      WasmHost host, BytePipe toServer, BytePipe fromServer, Diagnostics diagnostics) {
    this.host = host;
    this.toServer = toServer;
    this.fromServer = fromServer;
    this.diagnostics = diagnostics;
  }

  @Override
  public InputStream fromServer() {
    return fromServer.input;
  }

  @Override
  public OutputStream toServer() {
    return toServer.output;
  }

  @Override
  public String diagnosticsTail() {
    return diagnostics.tail();
  }

  @Override
  public void close() {
    toServer.closeWriter();
    host.close();
    fromServer.closeWriter();
    toServer.closeReader();
  }
}
