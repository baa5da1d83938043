package dev.cassette.engine.record;

import dev.cassette.proxy.tape.Tape;
import dev.cassette.proxy.tape.TapeCodec;
import dev.cassette.proxy.tape.TapeFormatException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Consumer;
import org.apiguardian.api.API;

/**
 * The tape a recording replaces, read before the session starts, so that re-recording keeps what
 * did not change ({@link RecordingMerge}): its hand-written matchers and placeholders, the elapsed
 * times of unchanged exchanges, and, when the session gave the same exchanges, the file byte for
 * byte. {@code cassette record} and a {@code @Tape} test's re-recording both end here.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class EarlierTape {

  /** Tapes larger than this are replaced as recorded, without merging (which reads them whole). */
  public static final long MAX_BYTES = 32L << 20;

  private final byte[] bytes;
  private final Tape tape;

  private EarlierTape(byte[] bytes, Tape tape) {
    this.bytes = bytes;
    this.tape = tape;
  }

  /**
   * Reads the tape at {@code file}, if there is one to merge into; says to {@code notes} why an
   * existing file is not merged into.
   *
   * @return the earlier tape, or {@code null}
   */
  public static EarlierTape read(Path file, Consumer<String> notes) {
    if (!Files.isRegularFile(file)) {
      return null;
    }
    try {
      if (Files.size(file) > MAX_BYTES) {
        notes.accept("the earlier " + file + " is over 32 MiB: it will be replaced as recorded");
        return null;
      }
      return load(file);
    } catch (IOException | TapeFormatException e) {
      notes.accept(
          "the earlier "
              + file
              + " is not a readable tape ("
              + e.getMessage()
              + "): it will be replaced as recorded");
      return null;
    }
  }

  /**
   * Reads the tape at {@code file}, whatever its size.
   *
   * @throws IOException when it cannot be read
   * @throws TapeFormatException when it is not a valid tape
   */
  public static EarlierTape load(Path file) throws IOException, TapeFormatException {
    byte[] bytes = Files.readAllBytes(file);
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
    } catch (CharacterCodingException e) {
      throw new TapeFormatException(file.toString(), null, "not UTF-8 text", e);
    }
    return new EarlierTape(bytes, TapeCodec.read(text, file.toString()));
  }

  /** The tape as read. */
  public Tape tape() {
    return tape;
  }

  /**
   * Merges the tape a recorder just wrote at {@code output} with this one and writes the result
   * there (atomically), or puts this one back as it was when the session gave the same exchanges.
   *
   * @return what the merge kept
   */
  public RecordingMerge.Result mergeInto(Path output) throws IOException, TapeFormatException {
    return write(TapeCodec.read(output), output);
  }

  /**
   * Merges {@code fresh} with this tape and writes the result to {@code output} (atomically); when
   * the session gave the same exchanges, {@code output} holds this tape's bytes afterwards (and is
   * not written when it already does).
   *
   * @return what the merge kept
   */
  public RecordingMerge.Result write(Tape fresh, Path output) throws IOException {
    RecordingMerge.Result merged = RecordingMerge.merge(tape, fresh);
    if (!merged.unchanged()) {
      TapeCodec.write(merged.tape(), output);
    } else if (!holdsTheseBytes(output)) {
      TapeCodec.write(bytes, output);
    }
    return merged;
  }

  private boolean holdsTheseBytes(Path output) throws IOException {
    return Files.isRegularFile(output)
        && Files.size(output) == bytes.length
        && Arrays.equals(Files.readAllBytes(output), bytes);
  }
}
