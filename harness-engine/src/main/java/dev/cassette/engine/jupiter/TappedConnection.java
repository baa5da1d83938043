package dev.cassette.engine.jupiter;

import dev.cassette.proxy.transport.ServerConnection;
import java.io.IOException;
import java.time.Duration;

/** Passes lines through to a connection and logs both directions into an {@link ExchangeLog}. */
final class TappedConnection implements ServerConnection {

  private final ServerConnection delegate;
  private final ExchangeLog log;

  TappedConnection(ServerConnection delegate, ExchangeLog log) {
    this.delegate = delegate;
    this.log = log;
  }

  @Override
  public void send(byte[] line) throws IOException {
    log.fromClient(line, System.nanoTime());
    delegate.send(line);
  }

  @Override
  public byte[] receive(Duration timeout) throws IOException {
    byte[] line = delegate.receive(timeout);
    if (line != null) {
      log.fromServer(line, System.nanoTime());
    }
    return line;
  }

  @Override
  public String diagnosticsTail() {
    return delegate.diagnosticsTail();
  }

  @Override
  public boolean isAlive() {
    return delegate.isAlive();
  }

  @Override
  public void close() {
    delegate.close();
  }
}
