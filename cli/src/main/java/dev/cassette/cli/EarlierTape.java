package dev.cassette.cli;

import dev.cassette.engine.record.RecordingMerge;
import dev.cassette.proxy.tape.Tape;
import dev.cassette.proxy.tape.TapeCodec;
import dev.cassette.proxy.tape.TapeFormatException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The tape a recording replaces, read before the session starts, so that re-recording keeps what
 * did not change ({@link RecordingMerge}): its hand-written matchers and placeholders, the elapsed
 * times of unchanged exchanges, and, when the session gave the same exchanges, the file byte for
 * byte.
 */
final class EarlierTape {

  /** Tapes larger than this are replaced as recorded, without merging (which reads them whole). */
  static final long MAX_BYTES = 32L << 20;

  private final byte[] bytes;
  private final Tape tape;

  private EarlierTape(byte[] bytes, Tape tape) {
    this.bytes = bytes;
    this.tape = tape;
  }

  /**
   * Reads the tape at {@code output}, if there is one to merge into; says on {@code err} why an
   * existing file is not merged into.
   *
   * @return the earlier tape, or {@code null}
   */
  static EarlierTape read(Path output, PrintWriter err) {
    if (!Files.isRegularFile(output)) {
      return null;
    }
    try {
      if (Files.size(output) > MAX_BYTES) {
        RecordCommand.status(
            err, "the earlier " + output + " is over 32 MiB: it will be replaced as recorded");
        return null;
      }
      byte[] bytes = Files.readAllBytes(output);
      return new EarlierTape(
          bytes, TapeCodec.read(new String(bytes, StandardCharsets.UTF_8), output.toString()));
    } catch (IOException | TapeFormatException e) {
      RecordCommand.status(
          err,
          "the earlier "
              + output
              + " is not a readable tape ("
              + e.getMessage()
              + "): it will be replaced as recorded");
      return null;
    }
  }

  /**
   * Merges the tape the recorder just wrote at {@code output} with this one and writes the result
   * there (atomically), or puts this one back as it was when the session gave the same exchanges.
   *
   * @return what the merge kept
   */
  RecordingMerge.Result mergeInto(Path output) throws IOException, TapeFormatException {
    RecordingMerge.Result merged = RecordingMerge.merge(tape, TapeCodec.read(output));
    if (merged.unchanged()) {
      TapeCodec.write(bytes, output);
    } else {
      TapeCodec.write(merged.tape(), output);
    }
    return merged;
  }
}
