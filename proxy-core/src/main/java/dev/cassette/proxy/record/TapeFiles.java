package dev.cassette.proxy.record;

import dev.cassette.proxy.tape.Exchange;
import dev.cassette.proxy.tape.Tape;
import dev.cassette.proxy.tape.TapeCodec;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Writes the tape a journal holds, streaming one exchange at a time, in exactly the bytes {@link
 * TapeCodec#toJson} gives for the whole tape; to a temporary file, synced, then renamed over the
 * target. Two passes over the journal: the first learns the header (handshake, components), the
 * second streams the exchanges; memory stays bounded by the open exchanges whatever the session's
 * length.
 */
final class TapeFiles {

  private static final String EMPTY_EXCHANGES = "\n  \"exchanges\": []";
  private static final String EXCHANGES_OPEN = "\"exchanges\": [\n";
  private static final String EXCHANGES_CLOSE = "\n  ]\n}\n";

  private TapeFiles() {}

  /** Decides, from what the first pass learned, whether the tape is written. */
  interface Check {
    void accept(TapeAssembly.Result result) throws IOException;
  }

  static TapeAssembly.Result write(Path journal, Path tape, Check check) throws IOException {
    TapeAssembly.Result result = TapeAssembly.assemble(journal, exchange -> {});
    check.accept(result);
    String head = TapeCodec.toJson(result.header());
    int at = head.indexOf(EMPTY_EXCHANGES);
    if (at < 0) {
      throw new IllegalStateException("tape layout without an exchanges array: " + head);
    }
    Path target = tape.toAbsolutePath();
    Files.createDirectories(target.getParent());
    Path temp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
    try {
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE);
          Writer out =
              new BufferedWriter(
                  new OutputStreamWriter(Channels.newOutputStream(channel), StandardCharsets.UTF_8),
                  1 << 16)) {
        out.write(head, 0, at);
        out.write("\n  \"exchanges\": [");
        long[] written = {0};
        TapeAssembly.assemble(journal, exchange -> append(out, exchange, written));
        out.write(written[0] == 0 ? "]" : "\n  ]");
        out.write(
            head, at + EMPTY_EXCHANGES.length(), head.length() - at - EMPTY_EXCHANGES.length());
        out.flush();
        channel.force(true);
      } catch (UncheckedIOException e) {
        throw e.getCause();
      }
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temp);
    }
    return result;
  }

  private static void append(Writer out, Exchange exchange, long[] written) {
    try {
      out.write(written[0] == 0 ? "\n" : ",\n");
      out.write(element(exchange));
      written[0]++;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One exchange's text as it appears inside a tape's exchanges array (indented, no separator). */
  static String element(Exchange exchange) {
    String single =
        TapeCodec.toJson(
            new Tape(
                Tape.FORMAT_VERSION, "x", null, null, null, null, null, List.of(exchange), null));
    int start = single.indexOf(EXCHANGES_OPEN) + EXCHANGES_OPEN.length();
    int end = single.lastIndexOf(EXCHANGES_CLOSE);
    return single.substring(start, end);
  }
}
