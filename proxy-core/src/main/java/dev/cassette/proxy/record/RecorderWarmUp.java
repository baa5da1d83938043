package dev.cassette.proxy.record;

import dev.cassette.proxy.session.SessionListener.Direction;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Runs the recorder's per-line path ({@link VerbatimLines#accepts} and the journal line it builds)
 * on typical MCP messages while the server starts, so that the JIT has compiled it before the first
 * real lines: interpreted, that path costs tens of microseconds a line, on the relay thread.
 *
 * <p>It runs on a daemon thread at the lowest priority, journals nothing, and stops at the first
 * real line ({@link #stop()}), after {@value #MAX_ROUNDS} rounds, or after {@value #MAX_MILLIS} ms,
 * whichever comes first, so it never competes with a session for long.
 */
final class RecorderWarmUp implements Runnable {

  static final int MAX_ROUNDS = 4000;
  static final long MAX_MILLIS = 2000;
  static final long REAL_LINES = 2000;

  private static final List<byte[]> SAMPLES =
      List.of(
          utf8(
              "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
                  + "\"2025-11-25\",\"capabilities\":{\"roots\":{\"listChanged\":true}},"
                  + "\"clientInfo\":{\"name\":\"warm-up\",\"version\":\"1.0.0\"}}}"),
          utf8("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}"),
          utf8(
              "{\"jsonrpc\":\"2.0\",\"id\":\"a1\",\"method\":\"tools/call\",\"params\":{\"name\":"
                  + "\"echo\",\"arguments\":{\"message\":\"warm up 1.50\",\"n\":1.50}}}"),
          utf8(
              "{\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"Echo: warm up\"}],"
                  + "\"isError\":false},\"jsonrpc\":\"2.0\",\"id\":\"a1\"}"),
          utf8(
              "{\"jsonrpc\":\"2.0\",\"id\":7,\"error\":{\"code\":-32602,\"message\":"
                  + "\"Unknown tool: nope\",\"data\":null}}"),
          utf8(
              "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\",\"params\":{"
                  + "\"progressToken\":3,\"progress\":1,\"total\":4}}"));

  private final VerbatimLines verbatim;
  private volatile boolean stopped;
  private volatile long linesBuilt;

  RecorderWarmUp(VerbatimLines verbatim) {
    this.verbatim = verbatim;
  }

  /** Starts warming up on a daemon thread; returns at once. */
  RecorderWarmUp start() {
    Thread thread = new Thread(this, "cassette-recorder-warm-up");
    thread.setDaemon(true);
    thread.setPriority(Thread.MIN_PRIORITY);
    thread.start();
    return this;
  }

  /** Stops warming up. */
  void stop() {
    stopped = true;
  }

  /** Whether warming up has been told to stop. */
  boolean stopped() {
    return stopped;
  }

  /** How many journal lines the warm-up built (and dropped). */
  long linesBuilt() {
    return linesBuilt;
  }

  @Override
  public void run() {
    long deadline = System.nanoTime() + MAX_MILLIS * 1_000_000;
    long built = 0;
    for (int round = 0; round < MAX_ROUNDS && !stopped; round++) {
      for (int i = 0; i < SAMPLES.size() && !stopped; i++) {
        Direction direction = i % 2 == 0 ? Direction.CLIENT_TO_SERVER : Direction.SERVER_TO_CLIENT;
        if (verbatim.accepts(direction, SAMPLES.get(i))) {
          built += JournalWriter.verbatimLine(direction, round, SAMPLES.get(i)).length > 0 ? 1 : 0;
        }
      }
      if (System.nanoTime() > deadline) {
        break;
      }
    }
    linesBuilt = built;
  }

  private static byte[] utf8(String json) {
    return json.getBytes(StandardCharsets.UTF_8);
  }
}
