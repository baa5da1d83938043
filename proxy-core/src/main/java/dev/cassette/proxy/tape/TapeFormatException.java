package dev.cassette.proxy.tape;

import java.util.Objects;
import org.apiguardian.api.API;

/**
 * Thrown when a tape file cannot be read: it is not JSON, was written by a newer Cassette, or a
 * field has the wrong shape.
 *
 * <p>The message reads {@code <file>:<line>:<column>: <reason>}, the form compilers use, so IDEs
 * and terminals link it to the offending value.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public class TapeFormatException extends Exception {

  private static final long serialVersionUID = 1L;

  private final String sourceName;
  private final transient SourcePosition position;
  private final String reason;

  /**
   * Creates an exception.
   *
   * @param sourceName the tape's file name or other source description
   * @param position where the offending value starts, or {@code null} if unknown
   * @param reason what is wrong
   */
  public TapeFormatException(String sourceName, SourcePosition position, String reason) {
    this(sourceName, position, reason, null);
  }

  /**
   * Creates an exception with a cause.
   *
   * @param sourceName the tape's file name or other source description
   * @param position where the offending value starts, or {@code null} if unknown
   * @param reason what is wrong
   * @param cause the underlying error, or {@code null}
   */
  public TapeFormatException(
      String sourceName, SourcePosition position, String reason, Throwable cause) {
    super(
        format(
            Objects.requireNonNull(sourceName, "sourceName"),
            position,
            Objects.requireNonNull(reason, "reason")),
        cause);
    this.sourceName = sourceName;
    this.position = position;
    this.reason = reason;
  }

  /** The tape's file name or other source description. */
  public String sourceName() {
    return sourceName;
  }

  /** Where the offending value starts, or {@code null} if unknown. */
  public SourcePosition position() {
    return position;
  }

  /** What is wrong, without the source and position. */
  public String reason() {
    return reason;
  }

  private static String format(String sourceName, SourcePosition position, String reason) {
    return position == null
        ? sourceName + ": " + reason
        : sourceName + ":" + position.line() + ":" + position.column() + ": " + reason;
  }
}
