package dev.cassette.cli;

import dev.cassette.proxy.record.RecordedTape;
import dev.cassette.proxy.record.Recorder;
import dev.cassette.proxy.record.UncleanSessionException;
import dev.cassette.proxy.redact.Redactor;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;

/** Decides how a recorded session ends: tape written, or journal kept, with a status line. */
final class RecordingEnd {

  private final PrintWriter err;
  private final Redactor redactor;
  private final Path output;

  RecordingEnd(PrintWriter err, Redactor redactor, Path output) {
    this.err = err;
    this.redactor = redactor;
    this.output = output;
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
      return 0;
    } catch (UncleanSessionException e) {
      return RecordCommand.fail(err, redactor.redact(e.getMessage()));
    } catch (IOException e) {
      return RecordCommand.fail(
          err,
          "could not write " + output + ": " + redactor.redact(String.valueOf(e.getMessage())));
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
