package dev.cassette.proxy.record;

import dev.cassette.proxy.tape.TapeStreamWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * Writes the tape a journal holds with {@link TapeStreamWriter}, one exchange at a time: the first
 * pass over the journal learns the header (handshake, components), the second streams the
 * exchanges. Memory stays bounded by the open exchanges whatever the session's length, and the tape
 * replaces an earlier one atomically, only once it is complete.
 */
final class TapeFiles {

  private TapeFiles() {}

  /** Decides, from what the first pass learned, whether the tape is written. */
  interface Check {
    void accept(TapeAssembly.Result result) throws IOException;
  }

  static TapeAssembly.Result write(Path journal, Path tape, Check check) throws IOException {
    TapeAssembly.Result result = TapeAssembly.assemble(journal, exchange -> {});
    check.accept(result);
    try (TapeStreamWriter writer = TapeStreamWriter.open(result.header(), tape)) {
      try {
        TapeAssembly.assemble(
            journal,
            exchange -> {
              try {
                writer.append(exchange);
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
      } catch (UncheckedIOException e) {
        throw e.getCause();
      }
      writer.commit();
    }
    return result;
  }
}
