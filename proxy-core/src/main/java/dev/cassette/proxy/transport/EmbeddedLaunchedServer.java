package dev.cassette.proxy.transport;

import dev.cassette.proxy.launch.EmbeddedServer;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** An embedded (in-JVM) server seen as a launched server. */
final class EmbeddedLaunchedServer implements LaunchedServer {

  private final EmbeddedServer server;
  private final String name;
  private final CountDownLatch closed = new CountDownLatch(1);
  private volatile boolean inputClosed;

  EmbeddedLaunchedServer(EmbeddedServer server, String name) {
    this.server = server;
    this.name = name;
  }

  @Override
  public String description() {
    return "embedded server '" + name + "'";
  }

  @Override
  public InputStream fromServer() {
    return server.fromServer();
  }

  @Override
  public OutputStream toServer() {
    return server.toServer();
  }

  @Override
  public void closeInput() {
    inputClosed = true;
    BoundedClose.close(server.toServer(), Duration.ofMillis(200));
  }

  /** No process to wait for: an embedded server is finished once its input is closed. */
  @Override
  public boolean awaitExit(Duration timeout) {
    if (inputClosed) {
      return true;
    }
    try {
      return closed.await(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return closed.getCount() == 0;
    }
  }

  @Override
  public String exitDescription() {
    return closed.getCount() == 0 ? "was stopped" : "closed its output";
  }

  @Override
  public String diagnosticsTail() {
    return server.diagnosticsTail();
  }

  @Override
  public boolean isAlive() {
    return closed.getCount() > 0;
  }

  @Override
  public void close() {
    if (closed.getCount() == 0) {
      return;
    }
    closeInput();
    try {
      server.close();
    } finally {
      closed.countDown();
    }
  }
}
