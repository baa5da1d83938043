package dev.cassette.proxy.transport;

import java.io.IOException;
import org.apiguardian.api.API;

/**
 * A peer sent a line longer than the configured limit ({@link TransportOptions#maxLineBytes()}).
 *
 * <p>The rest of that line is discarded; the next read starts with the following line.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public class LineTooLongException extends IOException {

  private static final long serialVersionUID = 1L;

  private final String source;
  private final long lineNumber;
  private final int limit;

  /**
   * Creates the exception.
   *
   * @param source who sent the line, for example {@code "server 'node'"} or {@code "client"}
   * @param lineNumber the 1-based number of the line in that stream
   * @param limit the limit in bytes
   */
  public LineTooLongException(String source, long lineNumber, int limit) {
    super(
        "line "
            + lineNumber
            + " from "
            + source
            + " is longer than the limit of "
            + limit
            + " bytes; the line was discarded");
    this.source = source;
    this.lineNumber = lineNumber;
    this.limit = limit;
  }

  /** Who sent the line. */
  public String source() {
    return source;
  }

  /** The 1-based number of the line in its stream. */
  public long lineNumber() {
    return lineNumber;
  }

  /** The limit that was exceeded, in bytes. */
  public int limit() {
    return limit;
  }
}
