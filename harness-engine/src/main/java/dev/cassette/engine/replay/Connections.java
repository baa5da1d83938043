package dev.cassette.engine.replay;

import dev.cassette.proxy.transport.ServerConnection;
import java.io.IOException;

/**
 * A lazily started server connection: a tape's own, or one shared by the tapes of a suite ({@code
 * cassette.server.reuse=suite}).
 */
final class Connections {

  private final ServerLauncher launcher;
  private final ChosenServer server;
  private ServerConnection connection;
  private IOException startFailure;
  private boolean answeredOnce;

  Connections(ServerLauncher launcher, ChosenServer server) {
    this.launcher = launcher;
    this.server = server;
  }

  /** Connections that fail with {@code reason} when used. */
  static Connections failed(String reason) {
    Connections connections = new Connections(null, null);
    connections.startFailure = new IOException(reason);
    return connections;
  }

  ChosenServer server() {
    return server;
  }

  synchronized ServerConnection get() throws IOException {
    if (startFailure != null) {
      throw startFailure;
    }
    if (connection == null) {
      try {
        connection = launcher.open(server);
      } catch (IOException e) {
        startFailure =
            new IOException("cannot start " + server.describe() + ": " + e.getMessage(), e);
        throw startFailure;
      }
    }
    return connection;
  }

  /** Whether the server has not yet been waited on (its first wait includes its start-up). */
  synchronized boolean firstUse() {
    boolean first = !answeredOnce;
    answeredOnce = true;
    return first;
  }

  synchronized void close() {
    if (connection != null) {
      connection.close();
      connection = null;
    }
  }
}
