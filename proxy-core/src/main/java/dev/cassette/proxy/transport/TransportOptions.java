package dev.cassette.proxy.transport;

import java.time.Duration;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * How a transport frames, waits and stops; immutable, change it with the withers.
 *
 * @param maxLineBytes the longest line (one JSON-RPC message) accepted from either peer, in bytes;
 *     default 16 MiB
 * @param shutdownGrace how long a server may take to exit after its input is closed before it is
 *     killed, and how long the pump lets it finish answering after the client left; default 2 s
 * @param receiveTimeout the default wait for a server's next line; default 30 s
 * @param diagnosticsTailLines how many of the server's last stderr lines are kept; default 64
 * @param diagnosticsTailBytes at most this many bytes of stderr are kept; default 16 KiB
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record TransportOptions(
    int maxLineBytes,
    Duration shutdownGrace,
    Duration receiveTimeout,
    int diagnosticsTailLines,
    int diagnosticsTailBytes) {

  private static final TransportOptions DEFAULTS =
      new TransportOptions(
          16 * 1024 * 1024, Duration.ofSeconds(2), Duration.ofSeconds(30), 64, 16 * 1024);

  /** Checks the arguments. */
  public TransportOptions {
    if (maxLineBytes < 1) {
      throw new IllegalArgumentException("maxLineBytes must be positive but was " + maxLineBytes);
    }
    requirePositive(shutdownGrace, "shutdownGrace");
    requirePositive(receiveTimeout, "receiveTimeout");
    if (diagnosticsTailLines < 1) {
      throw new IllegalArgumentException(
          "diagnosticsTailLines must be positive but was " + diagnosticsTailLines);
    }
    if (diagnosticsTailBytes < 1) {
      throw new IllegalArgumentException(
          "diagnosticsTailBytes must be positive but was " + diagnosticsTailBytes);
    }
  }

  /** The defaults: 16 MiB lines, 2 s grace, 30 s receive timeout, 64 lines / 16 KiB of stderr. */
  public static TransportOptions defaults() {
    return DEFAULTS;
  }

  /** A copy with another line limit. */
  public TransportOptions withMaxLineBytes(int newMaxLineBytes) {
    return new TransportOptions(
        newMaxLineBytes, shutdownGrace, receiveTimeout, diagnosticsTailLines, diagnosticsTailBytes);
  }

  /** A copy with another shutdown grace period. */
  public TransportOptions withShutdownGrace(Duration newShutdownGrace) {
    return new TransportOptions(
        maxLineBytes, newShutdownGrace, receiveTimeout, diagnosticsTailLines, diagnosticsTailBytes);
  }

  /** A copy with another default receive timeout. */
  public TransportOptions withReceiveTimeout(Duration newReceiveTimeout) {
    return new TransportOptions(
        maxLineBytes, shutdownGrace, newReceiveTimeout, diagnosticsTailLines, diagnosticsTailBytes);
  }

  /** A copy keeping another number of stderr lines and bytes. */
  public TransportOptions withDiagnosticsTail(int newLines, int newBytes) {
    return new TransportOptions(maxLineBytes, shutdownGrace, receiveTimeout, newLines, newBytes);
  }

  private static void requirePositive(Duration duration, String name) {
    Objects.requireNonNull(duration, name);
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException(name + " must be positive but was " + duration);
    }
  }
}
