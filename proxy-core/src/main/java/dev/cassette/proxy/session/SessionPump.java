package dev.cassette.proxy.session;

import dev.cassette.proxy.session.SessionListener.Direction;
import dev.cassette.proxy.transport.LaunchedServer;
import dev.cassette.proxy.transport.LineReader;
import dev.cassette.proxy.transport.LineTooLongException;
import dev.cassette.proxy.transport.TransportOptions;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apiguardian.api.API;

/**
 * Relays a session between an MCP client and a launched server, byte for byte, line by line.
 *
 * <p>Two threads, one per direction, each read a line from one side, write it with its newline to
 * the other, and flush as soon as no further input is already read (so lines that arrived together
 * go out together, and a lone line adds no latency), and then tell the {@link SessionListener}.
 * Order is kept per direction; nothing is parsed or changed, so server→client requests flow like
 * anything else.
 *
 * <p>The session ends once, with a reason given to {@link SessionListener#onClose}: when the client
 * closes its input (the server's input is closed and it gets the grace period to finish answering,
 * then it is stopped), when the server closes its output or exits (the client's output is closed),
 * on an error (a line over the limit, a broken pipe; the reason is also written to stderr), or on
 * {@link #close()}. The server is always stopped and reaped when it ends.
 *
 * <p>All waits are bounded: after the client leaves, the server gets {@link
 * TransportOptions#shutdownGrace()} to answer and exit before it is stopped (stopping takes up to
 * one more grace period and a forcible kill). The relay threads are daemons; the one reading the
 * client may stay blocked in a read of {@code clientIn} after the session ended, until the client
 * writes or closes it, and then exits without relaying.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class SessionPump implements AutoCloseable {

  private static final int WRITE_BUFFER = 64 * 1024;

  private final InputStream clientIn;
  private final OutputStream clientOut;
  private final OutputStream rawClientOut;
  private final LaunchedServer server;
  private final SessionListener listener;
  private final TransportOptions options;
  private final PrintStream diagnostics;
  private final AtomicBoolean ended = new AtomicBoolean();
  private final CountDownLatch serverOutputDone = new CountDownLatch(1);
  private final CountDownLatch terminated = new CountDownLatch(1);
  private volatile boolean clientEnded;
  private volatile String reason;

  private SessionPump(
      InputStream clientIn,
      OutputStream clientOut,
      LaunchedServer server,
      SessionListener listener,
      TransportOptions options,
      PrintStream diagnostics) {
    this.clientIn = clientIn;
    this.rawClientOut = clientOut;
    this.clientOut = new BufferedOutputStream(clientOut, WRITE_BUFFER);
    this.server = server;
    this.listener = listener;
    this.options = options;
    this.diagnostics = diagnostics;
  }

  /**
   * Starts relaying; returns at once.
   *
   * @param clientIn what the client sends (for example {@link
   *     dev.cassette.proxy.transport.StdioSelf#claim()}'s {@code fromClient})
   * @param clientOut where the client reads the server's lines
   * @param server the started server (a {@link dev.cassette.proxy.transport.ChildProcess} or {@link
   *     dev.cassette.proxy.transport.ServerConnections#launch launched} embedded server); the pump
   *     owns it from now on and closes it when the session ends
   * @param listener told about every relayed line and the end
   * @param options line limit and grace period
   * @return the running pump
   */
  public static SessionPump start(
      InputStream clientIn,
      OutputStream clientOut,
      LaunchedServer server,
      SessionListener listener,
      TransportOptions options) {
    Objects.requireNonNull(clientIn, "clientIn");
    Objects.requireNonNull(clientOut, "clientOut");
    Objects.requireNonNull(server, "server");
    Objects.requireNonNull(listener, "listener");
    Objects.requireNonNull(options, "options");
    SessionPump pump = new SessionPump(clientIn, clientOut, server, listener, options, System.err);
    pump.startThreads();
    return pump;
  }

  private void startThreads() {
    Thread up = new Thread(this::clientToServer, "cassette-pump-client-to-server");
    Thread down = new Thread(this::serverToClient, "cassette-pump-server-to-client");
    up.setDaemon(true);
    down.setDaemon(true);
    down.start();
    up.start();
  }

  /**
   * Waits up to {@code timeout} for the session to end (server stopped, client output closed,
   * listener told).
   *
   * @return whether it ended
   */
  public boolean awaitTermination(Duration timeout) throws InterruptedException {
    Objects.requireNonNull(timeout, "timeout");
    return terminated.await(Math.max(0, timeout.toNanos()), TimeUnit.NANOSECONDS);
  }

  /** Why the session ended, or {@code null} while it runs. */
  public String closeReason() {
    return reason;
  }

  /** Ends the session now: stops the server (within its grace period) and closes client output. */
  @Override
  public void close() {
    finish("session closed by the proxy", false);
  }

  private void clientToServer() {
    try {
      Relay relay = new Relay(clientIn, "client", server.toServer(), server.description());
      relay.run(Direction.CLIENT_TO_SERVER);
      if (ended.get()) {
        return;
      }
      clientEnded = true;
      server.closeInput();
      long deadline = System.nanoTime() + options.shutdownGrace().toNanos();
      boolean answered =
          awaitServerOutput(options.shutdownGrace())
              && server.awaitExit(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
      finish(
          answered
              ? "client closed its input; " + server.description() + " " + server.exitDescription()
              : "client closed its input; "
                  + server.description()
                  + " did not exit within "
                  + options.shutdownGrace().toMillis()
                  + " ms and was stopped",
          false);
    } catch (IOException | RuntimeException e) {
      failed(e);
    }
  }

  private void serverToClient() {
    try {
      Relay relay = new Relay(server.fromServer(), server.description(), clientOut, "client");
      relay.run(Direction.SERVER_TO_CLIENT);
      serverOutputDone.countDown();
      if (clientEnded || ended.get()) {
        return; // the client side ends the session
      }
      server.awaitExit(options.shutdownGrace());
      finish(server.description() + " " + server.exitDescription(), true);
    } catch (IOException | RuntimeException e) {
      failed(e);
    } finally {
      serverOutputDone.countDown();
    }
  }

  private boolean awaitServerOutput(Duration timeout) {
    try {
      return serverOutputDone.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private void failed(Exception e) {
    if (ended.get()) {
      return; // a stream closed because the session is ending: not news
    }
    String why =
        e instanceof ListenerFailure
            ? "session listener failed: " + e.getCause()
            : e.getMessage() == null ? e.toString() : e.getMessage();
    finish(why, true);
  }

  private void finish(String why, boolean error) {
    if (!ended.compareAndSet(false, true)) {
      return;
    }
    reason = why;
    if (error) {
      String tail = server.diagnosticsTail();
      diagnostics.println(
          "cassette: session ended: "
              + why
              + (tail.isBlank() ? "" : "\n--- server stderr (tail) ---\n" + tail));
    }
    try {
      server.close();
    } finally {
      // The relay flushed what it relayed; closing the raw stream cannot wait on a stuck write.
      closeQuietly(rawClientOut);
      try {
        listener.onClose(why);
      } catch (RuntimeException e) {
        diagnostics.println("cassette: session listener failed on close: " + e);
      } finally {
        terminated.countDown();
      }
    }
  }

  private static void closeQuietly(OutputStream out) {
    try {
      out.close();
    } catch (IOException e) {
      // The client already went away.
    }
  }

  /** Thrown when writing to the other side fails. */
  private static final class WriteFailure extends IOException {
    private static final long serialVersionUID = 1L;

    WriteFailure(String message, IOException cause) {
      super(message, cause);
    }
  }

  /** Wraps an exception the listener threw. */
  private static final class ListenerFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ListenerFailure(RuntimeException cause) {
      super(cause);
    }
  }

  /** One direction: read from one side, write to the other. */
  private final class Relay {
    private final OutputStream out;
    private final String source;
    private final String target;
    private final LineReader reader;
    private boolean dirty;

    Relay(InputStream in, String source, OutputStream out, String target) {
      this.out = out;
      this.source = source;
      this.target = target;
      this.reader = new LineReader(in, source, options.maxLineBytes(), this::flushIfIdle);
    }

    void run(Direction direction) throws IOException {
      while (!ended.get()) {
        byte[] line;
        try {
          line = reader.readLine();
        } catch (LineTooLongException e) {
          flushQuietly(); // the lines relayed before the bad one still reach their target
          throw e;
        } catch (WriteFailure e) {
          throw e;
        } catch (IOException e) {
          if (ended.get()) {
            return;
          }
          flushQuietly();
          throw new IOException("cannot read from " + source + ": " + e.getMessage(), e);
        }
        long now = System.nanoTime();
        if (line == null) {
          flush();
          return;
        }
        write(line);
        try {
          listener.onLine(direction, line, now);
        } catch (RuntimeException e) {
          throw new ListenerFailure(e);
        }
      }
    }

    private void write(byte[] line) throws WriteFailure {
      try {
        out.write(line);
        out.write('\n');
        dirty = true;
        if (!reader.hasBufferedInput()) {
          flush(); // nothing more in hand: send now (no extra system call to ask)
        }
      } catch (WriteFailure e) {
        throw e;
      } catch (IOException e) {
        throw new WriteFailure("cannot write to " + target + ": " + e.getMessage(), e);
      }
    }

    /** Before the reader may block: send what earlier lines of a batch left buffered. */
    private void flushIfIdle() throws IOException {
      if (dirty) {
        flush();
      }
    }

    /** Sends what is buffered before the session ends on a read error; a write error is moot. */
    private void flushQuietly() {
      try {
        flushIfIdle();
      } catch (IOException e) {
        // the target is gone too; the read error is what ends the session
      }
    }

    private void flush() throws WriteFailure {
      try {
        out.flush();
        dirty = false;
      } catch (IOException e) {
        throw new WriteFailure("cannot write to " + target + ": " + e.getMessage(), e);
      }
    }
  }
}
