package dev.cassette.engine.replay;

import dev.cassette.proxy.jsonrpc.JsonRpcMessage;
import dev.cassette.proxy.tape.ServerSpec;
import dev.cassette.proxy.transport.ServerConnection;
import java.io.IOException;
import java.time.Duration;

/**
 * Starts a server whose tape names a {@code componentDir} in a {@link ComponentStage}, removed when
 * the connection closes; any other server as the launcher it wraps does.
 */
final class StagingLauncher implements ServerLauncher {

  private final ServerLauncher launcher;
  private final RecordedComponents components;
  private final boolean currentPolicies;

  StagingLauncher(ServerLauncher launcher, RecordedComponents components, boolean currentPolicies) {
    this.launcher = launcher;
    this.components = components;
    this.currentPolicies = currentPolicies;
  }

  @Override
  public ServerConnection open(ChosenServer server) throws IOException {
    ServerSpec spec = server.spec();
    if (spec.componentDir() == null || !ServerSpec.STDIO.equals(spec.transport())) {
      return launcher.open(server);
    }
    ComponentStage stage = ComponentStage.create(server, components, currentPolicies);
    ServerConnection connection;
    try {
      connection = launcher.open(stage.server());
    } catch (IOException | RuntimeException e) {
      stage.close();
      throw e;
    }
    return new StagedConnection(connection, stage);
  }

  /** A connection that removes its stage once the server is closed. */
  private record StagedConnection(ServerConnection connection, ComponentStage stage)
      implements ServerConnection {

    @Override
    public void send(byte[] line) throws IOException {
      connection.send(line);
    }

    @Override
    public byte[] receive(Duration timeout) throws IOException {
      return connection.receive(timeout);
    }

    @Override
    public JsonRpcMessage receiveMessage(Duration timeout) throws IOException {
      return connection.receiveMessage(timeout);
    }

    @Override
    public String diagnosticsTail() {
      return connection.diagnosticsTail();
    }

    @Override
    public boolean isAlive() {
      return connection.isAlive();
    }

    @Override
    public void close() {
      try {
        connection.close();
      } finally {
        stage.close();
      }
    }
  }
}
