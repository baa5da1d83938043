package dev.cassette.engine.client;

import dev.cassette.proxy.tape.ServerSpec;
import dev.cassette.proxy.transport.ServerConnection;
import dev.cassette.proxy.transport.ServerConnections;
import dev.cassette.proxy.transport.TestPeers;
import dev.cassette.proxy.transport.TransportOptions;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/** The npm server-everything test peer, started over stdio. */
public final class Everything {

  private Everything() {}

  /** The command line. */
  public static List<String> command() {
    return TestPeers.everythingCommand();
  }

  /** A fresh connection to a new server process. */
  public static ServerConnection open() throws IOException {
    return ServerConnections.open(
        ServerSpec.stdio(command()), Map.of(), TransportOptions.defaults());
  }
}
