package dev.cassette.proxy.record;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * What a finished recording or a recovery produced.
 *
 * @param tape the tape file written
 * @param exchanges how many exchanges it holds
 * @param notes what was odd about the session, in words (non-JSON lines, unanswered requests, a
 *     cut-off last journal line); never holds a secret
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record RecordedTape(Path tape, int exchanges, List<String> notes) {
  /** Checks arguments and copies the list. */
  public RecordedTape {
    Objects.requireNonNull(tape, "tape");
    notes = List.copyOf(notes);
  }
}
