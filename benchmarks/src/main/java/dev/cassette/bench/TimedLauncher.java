package dev.cassette.bench;

import dev.cassette.engine.replay.ChosenServer;
import dev.cassette.engine.replay.ProxyCoreLauncher;
import dev.cassette.engine.replay.ServerLauncher;
import dev.cassette.proxy.transport.ServerConnection;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;

/**
 * The engine's own launcher, with a stopwatch around everything that waits on or works for the
 * server: starting it ({@code open}), each {@link ServerConnection#receive} (the engine blocked
 * until the server's next line arrived), and stopping it ({@code close}). What remains of the
 * engine's run is the engine's own time.
 */
final class TimedLauncher implements ServerLauncher {

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private final ServerLauncher delegate = new ProxyCoreLauncher();
  final LongAdder openNanos = new LongAdder();
  final LongAdder receiveNanos = new LongAdder();
  final LongAdder closeNanos = new LongAdder();
  final LongAdder receives = new LongAdder();
  final LongAdder opens = new LongAdder();

  /** CPU time of the calling (engine) thread inside {@code open} and {@code close}. */
  final LongAdder startStopCpuNanos = new LongAdder();

  @Override
  public ServerConnection open(ChosenServer server) throws IOException {
    long started = System.nanoTime();
    long cpu = THREADS.getCurrentThreadCpuTime();
    try {
      return new Timed(delegate.open(server));
    } finally {
      openNanos.add(System.nanoTime() - started);
      startStopCpuNanos.add(THREADS.getCurrentThreadCpuTime() - cpu);
      opens.increment();
    }
  }

  /** Nanoseconds spent waiting on or working for the server, in all three. */
  long serverNanos() {
    return openNanos.sum() + receiveNanos.sum() + closeNanos.sum();
  }

  private final class Timed implements ServerConnection {
    private final ServerConnection connection;

    Timed(ServerConnection connection) {
      this.connection = connection;
    }

    @Override
    public void send(byte[] line) throws IOException {
      connection.send(line);
    }

    @Override
    public byte[] receive(Duration timeout) throws IOException {
      long started = System.nanoTime();
      try {
        return connection.receive(timeout);
      } finally {
        receiveNanos.add(System.nanoTime() - started);
        receives.increment();
      }
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
      long started = System.nanoTime();
      long cpu = THREADS.getCurrentThreadCpuTime();
      try {
        connection.close();
      } finally {
        closeNanos.add(System.nanoTime() - started);
        startStopCpuNanos.add(THREADS.getCurrentThreadCpuTime() - cpu);
      }
    }
  }
}
