package dev.cassette.proxy.transport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;

/** The last lines a server wrote to stderr, bounded in lines and bytes. */
final class DiagnosticsTail {

  private final int maxLines;
  private final int maxBytes;
  private final ArrayDeque<String> lines = new ArrayDeque<>();
  private int bytes;
  private volatile Thread drainer;
  private volatile boolean waitedForDrain;

  DiagnosticsTail(int maxLines, int maxBytes) {
    this.maxLines = maxLines;
    this.maxBytes = maxBytes;
  }

  /**
   * Starts a daemon thread that reads {@code err} to its end into this tail, also copying the raw
   * bytes to {@code copy} unless it is {@code null}.
   */
  void drain(InputStream err, OutputStream copy, String threadName) {
    Thread thread = new Thread(() -> drainQuietly(err, copy), threadName);
    thread.setDaemon(true);
    drainer = thread;
    thread.start();
  }

  /** Waits (bounded) until the drained stream reached its end. */
  void awaitDrained(Duration timeout) {
    Thread thread = drainer;
    if (thread == null || waitedForDrain) {
      return;
    }
    waitedForDrain = true; // a grandchild may hold stderr open: wait once, not on every call
    try {
      thread.join(Math.max(1, timeout.toMillis()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  synchronized void append(String line) {
    String kept = line.length() > maxBytes ? line.substring(line.length() - maxBytes) : line;
    lines.addLast(kept);
    bytes += kept.length() + 1;
    while (lines.size() > maxLines || (bytes > maxBytes && lines.size() > 1)) {
      bytes -= lines.removeFirst().length() + 1;
    }
  }

  synchronized String text() {
    return String.join("\n", lines);
  }

  private void drainQuietly(InputStream err, OutputStream copy) {
    byte[] chunk = new byte[8192];
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    OutputStream echo = copy;
    try (err) {
      int n;
      while ((n = err.read(chunk)) >= 0) {
        echo = copied(echo, chunk, n);
        int from = 0;
        for (int i = 0; i < n; i++) {
          if (chunk[i] == '\n') {
            addCapped(line, chunk, from, i - from);
            flushLine(line);
            from = i + 1;
          }
        }
        addCapped(line, chunk, from, n - from);
      }
    } catch (IOException e) {
      // The server's stderr closed under us (it was killed): keep what was read.
    }
    if (line.size() > 0) {
      flushLine(line);
    }
  }

  private static OutputStream copied(OutputStream echo, byte[] chunk, int n) {
    if (echo == null) {
      return null;
    }
    try {
      echo.write(chunk, 0, n);
      echo.flush();
      return echo;
    } catch (IOException e) {
      return null; // the copy's target broke: keep draining into the tail only
    }
  }

  private void addCapped(ByteArrayOutputStream line, byte[] chunk, int from, int length) {
    int room = maxBytes - line.size();
    if (room > 0) {
      line.write(chunk, from, Math.min(room, length));
    }
  }

  private void flushLine(ByteArrayOutputStream line) {
    String text = line.toString(StandardCharsets.UTF_8);
    line.reset();
    append(text.endsWith("\r") ? text.substring(0, text.length() - 1) : text);
  }
}
