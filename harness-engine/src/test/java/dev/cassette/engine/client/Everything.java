package dev.cassette.engine.client;

import dev.cassette.proxy.tape.ServerSpec;
import dev.cassette.proxy.transport.ServerConnection;
import dev.cassette.proxy.transport.ServerConnections;
import dev.cassette.proxy.transport.TransportOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The npm server-everything test peer, started over stdio. */
public final class Everything {

  private Everything() {}

  /** The script path, from {@code cassette.testPeers}. */
  public static String script() {
    String peers = System.getProperty("cassette.testPeers");
    if (peers == null) {
      throw new IllegalStateException("system property cassette.testPeers is not set");
    }
    Path script =
        Path.of(
            peers,
            "node_modules",
            "@modelcontextprotocol",
            "server-everything",
            "dist",
            "index.js");
    if (!Files.isRegularFile(script)) {
      throw new IllegalStateException("server-everything is not installed at " + script);
    }
    return script.toString();
  }

  /** The command line. */
  public static List<String> command() {
    return List.of("node", script(), "stdio");
  }

  /** A fresh connection to a new server process. */
  public static ServerConnection open() throws IOException {
    return ServerConnections.open(
        ServerSpec.stdio(command()), Map.of(), TransportOptions.defaults());
  }
}
