package dev.cassette.proxy.session;

import dev.cassette.proxy.session.SessionListener.Direction;
import dev.cassette.proxy.transport.ServerConnection;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * Passes lines through to a connection and shows a copy of each to a listener: a line the client
 * sends before it goes out, a line the server sends once it arrived. The in-process counterpart of
 * {@link SessionPump}, for clients that talk to a {@link ServerConnection} directly.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class TappedConnection implements ServerConnection {

  private final ServerConnection delegate;
  private final SessionListener listener;

  private TappedConnection(ServerConnection delegate, SessionListener listener) {
    this.delegate = delegate;
    this.listener = listener;
  }

  /**
   * Wraps a connection so that a listener sees every line that passes. The listener gets a copy of
   * each line; {@link SessionListener#onClose} is left to whoever owns the listener.
   *
   * @param connection the connection to pass lines through to; closing the result closes it
   * @param listener what observes the lines, for example a recorder
   * @return the tapped connection
   */
  public static ServerConnection tap(ServerConnection connection, SessionListener listener) {
    Objects.requireNonNull(connection, "connection");
    Objects.requireNonNull(listener, "listener");
    return new TappedConnection(connection, listener);
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
