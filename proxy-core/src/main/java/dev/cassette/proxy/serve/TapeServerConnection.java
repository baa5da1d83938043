package dev.cassette.proxy.serve;

import dev.cassette.proxy.transport.ServerClosedException;
import dev.cassette.proxy.transport.ServerConnection;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apiguardian.api.API;

/** An in-memory {@link ServerConnection} to a {@link TapeServer} session: no process, no socket. */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class TapeServerConnection implements ServerConnection {

  private final LinkedBlockingQueue<byte[]> fromServer = new LinkedBlockingQueue<>();
  private final TapeServerSession session;
  private final String tapeName;
  private volatile boolean closed;

  TapeServerConnection(TapeServer server) {
    this.session = server.open(fromServer::add);
    this.tapeName = server.tape().name();
  }

  @Override
  public void send(byte[] line) throws IOException {
    Objects.requireNonNull(line, "line");
    if (closed) {
      throw new ServerClosedException("tape server for '" + tapeName + "' is closed", "");
    }
    session.accept(line);
  }

  @Override
  public byte[] receive(Duration timeout) throws IOException {
    Objects.requireNonNull(timeout, "timeout");
    byte[] line = fromServer.poll();
    if (line != null) {
      return line;
    }
    if (closed) {
      throw new ServerClosedException("tape server for '" + tapeName + "' is closed", "");
    }
    try {
      return fromServer.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for the tape server", e);
    }
  }

  /** The client messages the tape held no exchange for, so far. */
  public List<Miss> misses() {
    return session.misses();
  }

  /**
   * The recorded exchanges the client has not sent, so far (see {@link
   * TapeServerSession#unused()}).
   */
  public List<String> unused() {
    return session.unused();
  }

  @Override
  public String diagnosticsTail() {
    StringBuilder tail = new StringBuilder();
    for (Miss miss : session.misses()) {
      tail.append(miss.describe()).append('\n');
    }
    return tail.toString();
  }

  @Override
  public boolean isAlive() {
    return !closed;
  }

  @Override
  public void close() {
    closed = true;
  }
}
