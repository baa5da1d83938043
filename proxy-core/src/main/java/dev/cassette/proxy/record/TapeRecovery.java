package dev.cassette.proxy.record;

import dev.cassette.proxy.tape.TapeCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * Turns the journal of an interrupted recording into a tape.
 *
 * <p>The tape holds every exchange the journal holds, exactly as a clean finish would have
 * assembled them; a request whose response never came is kept without one, and a last line cut off
 * mid-write is skipped. Both are listed in {@link RecordedTape#notes()}.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class TapeRecovery {

  private static final String SUFFIX = ".journal";

  private TapeRecovery() {}

  /** The tape a journal belongs to: its path without {@code .journal}. */
  public static Path defaultTapeOf(Path journal) {
    Objects.requireNonNull(journal, "journal");
    String name = journal.getFileName().toString();
    String tapeName =
        name.endsWith(SUFFIX) && name.length() > SUFFIX.length()
            ? name.substring(0, name.length() - SUFFIX.length())
            : name + TapeCodec.FILE_SUFFIX;
    return journal.resolveSibling(tapeName);
  }

  /**
   * Writes the tape a journal holds (atomically); the journal is left in place.
   *
   * @param journal the journal file
   * @param tape where to write the tape
   * @throws IOException if the journal is missing, not a journal or empty (a recording that failed
   *     as it started), or the tape cannot be written
   */
  public static RecordedTape recover(Path journal, Path tape) throws IOException {
    Objects.requireNonNull(journal, "journal");
    Objects.requireNonNull(tape, "tape");
    if (!Files.exists(journal)) {
      throw new NoSuchFileException(journal.toString(), null, "no such journal");
    }
    if (JournalWriter.holdsNoHeader(journal)) {
      long size = Files.size(journal);
      throw new IOException(
          journal
              + ": the journal is empty ("
              + (size == 0 ? "0 bytes" : size + " bytes without a complete first line")
              + "): the recording failed as it started (for example on a full disk) before it"
              + " wrote its header, so there is nothing to recover; delete it (the next"
              + " recording into the same tape removes it by itself)");
    }
    TapeAssembly.Result result = TapeFiles.write(journal, tape, assembled -> {});
    List<String> notes = new ArrayList<>(result.notes());
    if (!result.ended()) {
      notes.add(journal + ": the recording did not finish (no end entry); recovered what it holds");
    }
    return new RecordedTape(tape, Math.toIntExact(result.exchanges()), notes);
  }
}
