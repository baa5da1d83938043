package dev.cassette.engine.discovery;

import dev.cassette.engine.tape.TapeLocation;
import dev.cassette.proxy.tape.SourcePosition;
import org.apiguardian.api.API;

/** A tape could not be read: names the tape, the position (if known) and the reason. */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class TapeLoadException extends Exception {

  private static final long serialVersionUID = 1L;

  private final transient TapeLocation location;
  private final transient SourcePosition position;
  private final String reason;

  TapeLoadException(
      TapeLocation location, SourcePosition position, String reason, Throwable cause) {
    super(location.displayPath() + (position == null ? "" : ":" + position) + ": " + reason, cause);
    this.location = location;
    this.position = position;
    this.reason = reason;
  }

  /** The tape. */
  public TapeLocation location() {
    return location;
  }

  /** Where in the tape, or {@code null}. */
  public SourcePosition position() {
    return position;
  }

  /** Why, in words. */
  public String reason() {
    return reason;
  }
}
