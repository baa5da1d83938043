package dev.cassette.proxy.transport;

import dev.cassette.proxy.jsonrpc.JsonRpcMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A {@link ServerConnection} over a launched server: a daemon thread reads the server's lines into
 * a queue, so {@link #receive} waits a bounded time.
 */
final class LineServerConnection implements ServerConnection {

  /** Queued after the last line: the server's output ended. */
  private static final Object END = new Object();

  private final LaunchedServer server;
  private final TransportOptions options;

  /** Lines read ahead at most; then the reader waits, and the server blocks on its output. */
  private static final int READ_AHEAD = 1024;

  private final LinkedBlockingQueue<Object> lines = new LinkedBlockingQueue<>(READ_AHEAD);
  private final Object sendLock = new Object();
  private volatile boolean ended;
  private volatile boolean closed;

  LineServerConnection(LaunchedServer server, TransportOptions options) {
    this.server = server;
    this.options = options;
    Thread reader = new Thread(this::readLines, "cassette-server-lines");
    reader.setDaemon(true);
    reader.start();
  }

  private void readLines() {
    LineReader reader =
        new LineReader(server.fromServer(), server.description(), options.maxLineBytes());
    try {
      while (true) {
        try {
          byte[] line = reader.readLine();
          if (line == null) {
            break;
          }
          enqueue(line);
        } catch (LineTooLongException e) {
          enqueue(e);
        }
      }
    } catch (IOException e) {
      if (!closed) {
        enqueue(e);
      }
    } finally {
      enqueue(END);
    }
  }

  /** Waits for room in the queue, giving up once the connection is closed. */
  private void enqueue(Object item) {
    try {
      while (!closed && !lines.offer(item, 100, TimeUnit.MILLISECONDS)) {
        // The caller is not receiving yet: hold the line (and so the server) back.
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void send(byte[] line) throws IOException {
    if (line == null) {
      throw new IllegalArgumentException("line must not be null");
    }
    if (closed) {
      throw new IOException("connection to " + server.description() + " is closed");
    }
    synchronized (sendLock) {
      try {
        OutputStream out = server.toServer();
        out.write(line);
        out.write('\n');
        out.flush();
      } catch (IOException e) {
        if (!server.isAlive() || ended) {
          throw closedException(e);
        }
        throw new IOException("cannot send to " + server.description() + ": " + e.getMessage(), e);
      }
    }
  }

  @Override
  public byte[] receive(Duration timeout) throws IOException {
    if (timeout == null || timeout.isNegative()) {
      throw new IllegalArgumentException("timeout must be zero or positive but was " + timeout);
    }
    if (ended) {
      throw closedException(null);
    }
    Object next;
    try {
      next = lines.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException(
          "interrupted while waiting for " + server.description());
    }
    if (next == null || next instanceof byte[]) {
      return (byte[]) next;
    }
    if (next == END) {
      ended = true;
      throw closedException(null);
    }
    throw (IOException) next;
  }

  private ServerClosedException closedException(IOException cause) {
    if (closed) {
      return new ServerClosedException("connection to " + server.description() + " is closed", "");
    }
    server.awaitExit(options.shutdownGrace());
    ServerClosedException e =
        new ServerClosedException(
            server.description() + " " + server.exitDescription(), server.diagnosticsTail());
    if (cause != null) {
      e.initCause(cause);
    }
    return e;
  }

  @Override
  public JsonRpcMessage receiveMessage(Duration timeout) throws IOException {
    byte[] line = receive(timeout);
    return line == null ? null : ServerConnections.parseMessage(line, server.description());
  }

  @Override
  public String diagnosticsTail() {
    return server.diagnosticsTail();
  }

  @Override
  public boolean isAlive() {
    return !closed && server.isAlive();
  }

  @Override
  public void close() {
    closed = true;
    server.close();
  }

  @Override
  public String toString() {
    return "ServerConnection[" + server.description() + "]";
  }
}
