package dev.cassette.proxy.record;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apiguardian.api.API;

/**
 * A session ended with requests unanswered or lines that were not JSON-RPC, so its tape was not
 * written; the journal is kept for {@code cassette tape recover}.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public class UncleanSessionException extends IOException {

  private static final long serialVersionUID = 1L;

  private final transient Path journal;

  /** Creates the exception; the notes are already free of secrets. */
  public UncleanSessionException(Path journal, List<String> notes) {
    super(
        "the session did not end cleanly, so the tape was not written:\n  "
            + String.join("\n  ", notes.subList(0, Math.min(notes.size(), 20)))
            + (notes.size() > 20 ? "\n  … and " + (notes.size() - 20) + " more" : "")
            + "\nthe journal is kept: turn it into a tape with `cassette tape recover "
            + journal
            + "`");
    this.journal = journal;
  }

  /** The kept journal. */
  public Path journal() {
    return journal;
  }
}
