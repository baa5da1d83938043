package dev.cassette.cli;

import dev.cassette.engine.record.EarlierTape;
import dev.cassette.engine.record.RecordingMerge;
import dev.cassette.proxy.record.RecordedTape;
import dev.cassette.proxy.record.Recorder;
import dev.cassette.proxy.record.UncleanSessionException;
import dev.cassette.proxy.redact.Redactor;
import dev.cassette.proxy.tape.TapeFormatException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;

/** Decides how a recorded session ends: tape written, or journal kept, with a status line. */
final class RecordingEnd {

  private final PrintWriter err;
  private final Redactor redactor;
  private final Path output;
  private final EarlierTape earlier;

  /**
   * @param earlier the tape the recording replaces, merged with the new one when it is written;
   *     {@code null} when there is none
   */
  RecordingEnd(PrintWriter err, Redactor redactor, Path output, EarlierTape earlier) {
    this.err = err;
    this.redactor = redactor;
    this.output = output;
    this.earlier = earlier;
  }

  /**
   * Ends the recording.
   *
   * @param recorder the recorder, or {@code null} when only relaying
   * @param reason why the session ended, in the pump's words
   * @param endedByClient whether the client ended it (closed its output or terminated us)
   * @return the exit status
   */
  int conclude(Recorder recorder, String reason, boolean endedByClient, Duration timeout) {
    String why = redactor.redact(String.valueOf(reason));
    if (recorder == null) {
      return endedByClient ? 0 : RecordCommand.fail(err, "the session failed: " + why);
    }
    if (!endedByClient) {
      return failed(recorder, why, timeout);
    }
    try {
      RecordedTape tape = recorder.finish(why, timeout, true);
      tape.notes().forEach(note -> RecordCommand.status(err, redactor.redact(note)));
      RecordCommand.status(err, "wrote " + tape.tape() + " (" + tape.exchanges() + " exchanges)");
      if (earlier != null) {
        merge();
      }
      return 0;
    } catch (UncleanSessionException e) {
      return RecordCommand.fail(err, redactor.redact(e.getMessage()));
    } catch (IOException e) {
      return RecordCommand.fail(
          err,
          "could not write " + output + ": " + redactor.redact(String.valueOf(e.getMessage())));
    }
  }

  private void merge() {
    try {
      RecordingMerge.Result merged = earlier.mergeInto(output);
      RecordCommand.status(
          err,
          merged.unchanged()
              ? "the session gave the same exchanges: " + output + " is kept as it was"
              : "kept "
                  + merged.kept()
                  + " exchanges of the earlier tape as they were and updated "
                  + merged.updated()
                  + " (their matchers and placeholders kept)");
    } catch (IOException | TapeFormatException e) {
      RecordCommand.status(
          err,
          "could not merge with the earlier tape ("
              + redactor.redact(String.valueOf(e.getMessage()))
              + "): "
              + output
              + " holds the session as recorded");
    }
  }

  private int failed(Recorder recorder, String why, Duration timeout) {
    try {
      if (recorder.lines() == 0) {
        recorder.discard();
        return RecordCommand.fail(
            err, "the session failed before any message: " + why + "; nothing was recorded");
      }
      Path journal = recorder.abandon(why, timeout);
      return RecordCommand.fail(
          err,
          "the session failed: "
              + why
              + "; the tape was not written"
              + " (the journal is kept: `cassette tape recover "
              + journal
              + "` makes a tape of it)");
    } catch (IOException e) {
      return RecordCommand.fail(
          err,
          "the session failed: " + why + "; " + redactor.redact(String.valueOf(e.getMessage())));
    }
  }
}
