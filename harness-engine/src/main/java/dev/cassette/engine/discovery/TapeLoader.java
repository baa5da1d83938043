package dev.cassette.engine.discovery;

import dev.cassette.engine.tape.TapeLocation;
import dev.cassette.proxy.tape.Tape;
import dev.cassette.proxy.tape.TapeCodec;
import dev.cassette.proxy.tape.TapeFormatException;
import java.io.IOException;
import org.apiguardian.api.API;

/** Reads tapes for the engine, turning every failure into a {@link TapeLoadException}. */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class TapeLoader {

  private TapeLoader() {}

  /** Drops the copy of the document Jackson puts into its locations, keeping line and column. */
  static String withoutSource(String reason) {
    return SOURCE.matcher(reason).replaceAll("line $1, column $2");
  }

  private static final java.util.regex.Pattern SOURCE =
      java.util.regex.Pattern.compile(
          "\\[Source: .*?; line: (\\d+), column: (\\d+)\\]", java.util.regex.Pattern.DOTALL);

  /** Reads and decodes the tape at {@code location}. */
  public static Tape load(TapeLocation location) throws TapeLoadException {
    byte[] text;
    try {
      text = location.read();
    } catch (java.nio.file.NoSuchFileException e) {
      throw new TapeLoadException(location, null, "tape not found", e);
    } catch (IOException e) {
      throw new TapeLoadException(location, null, "cannot read tape: " + e.getMessage(), e);
    }
    try {
      return TapeCodec.read(text, location.displayPath());
    } catch (TapeFormatException e) {
      throw new TapeLoadException(location, e.position(), withoutSource(e.reason()), e);
    }
  }
}
