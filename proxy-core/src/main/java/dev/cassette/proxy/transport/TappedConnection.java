package dev.cassette.proxy.transport;

import dev.cassette.proxy.session.SessionListener;
import dev.cassette.proxy.session.SessionListener.Direction;
import java.io.IOException;
import java.time.Duration;

/**
 * Passes lines through to a connection and shows a copy of each to a listener: a line the client
 * sends before it goes out, a line the server sends once it arrived.
 */
final class TappedConnection implements ServerConnection {

  private final ServerConnection delegate;
  private final SessionListener listener;

  TappedConnection(ServerConnection delegate, SessionListener listener) {
    this.delegate = delegate;
    this.listener = listener;
  }

  @Override
  public void send(byte[] line) throws IOException {
    listener.onLine(Direction.CLIENT_TO_SERVER, line.clone(), System.nanoTime());
    delegate.send(line);
  }

  @Override
  public byte[] receive(Duration timeout) throws IOException {
    byte[] line = delegate.receive(timeout);
    if (line != null) {
      listener.onLine(Direction.SERVER_TO_CLIENT, line.clone(), System.nanoTime());
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
