package dev.cassette.proxy.transport;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;

/**
 * Closes a stream without hanging: a buffered stream's close waits for a write in progress, and a
 * write to a peer that stopped reading never ends, so the close runs on its own daemon thread and
 * the caller waits only a bounded time (the peer is killed next, which ends the write).
 */
final class BoundedClose {

  private BoundedClose() {}

  /** Closes {@code stream}, waiting at most {@code timeout}; errors mean it is closed anyway. */
  static void close(Closeable stream, Duration timeout) {
    Thread closer =
        new Thread(
            () -> {
              try {
                stream.close();
              } catch (IOException e) {
                // Broken or already closed: closed either way.
              }
            },
            "cassette-close");
    closer.setDaemon(true);
    closer.start();
    try {
      closer.join(Math.max(1, timeout.toMillis()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
