package dev.cassette.proxy.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cassette.proxy.tape.TapeCodec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TapeRecoveryTest {

  @TempDir Path dir;

  private Path journalOfAnInterruptedSession() throws IOException {
    Path tape = dir.resolve("cut.tape.json");
    Recorder recorder =
        new Recorder(tape, RecorderTest.header(), TestRedactions.canary("x-canary"), dir, s -> {});
    RecorderTest.session(recorder);
    return recorder.abandon("killed", Duration.ofSeconds(10));
  }

  @Test
  void toleratesAndReportsALastLineCutOffMidWrite() throws Exception {
    Path journal = journalOfAnInterruptedSession();
    Files.writeString(
        journal,
        "{\"dir\":\"client\",\"nanos\":5,\"message\":{\"jsonrpc\"",
        StandardOpenOption.APPEND);

    RecordedTape result = TapeRecovery.recover(journal, TapeRecovery.defaultTapeOf(journal));

    assertThat(result.tape()).isEqualTo(dir.resolve("cut.tape.json"));
    assertThat(result.exchanges()).isEqualTo(3);
    assertThat(result.notes()).anyMatch(note -> note.contains(":8: incomplete last line"));
    assertThat(TapeCodec.read(result.tape()).exchanges()).hasSize(3);
    assertThat(journal).exists();
  }

  @Test
  void readsAKilledRecordersJournalUpToItsZeroFilledTail() throws Exception {
    Path journal = journalOfAnInterruptedSession();
    byte[] cut = "{\"dir\":\"server\",\"nanos\":9,\"mess".getBytes(StandardCharsets.UTF_8);
    Files.write(journal, cut, StandardOpenOption.APPEND);
    Files.write(journal, new byte[JournalAppender.REGION_BYTES], StandardOpenOption.APPEND);

    RecordedTape result = TapeRecovery.recover(journal, dir.resolve("killed.tape.json"));

    assertThat(result.exchanges()).isEqualTo(3);
    assertThat(result.notes())
        .anyMatch(note -> note.contains(":8: incomplete last line (" + cut.length + " bytes"));
  }

  @Test
  void aRecoveredTapeEqualsTheTapeACleanFinishWrites() throws Exception {
    Path journal = journalOfAnInterruptedSession();
    Path recovered = TapeRecovery.recover(journal, dir.resolve("recovered.tape.json")).tape();

    Path clean = dir.resolve("clean.tape.json");
    Recorder recorder =
        new Recorder(clean, RecorderTest.header(), TestRedactions.canary("x-canary"), dir, s -> {});
    RecorderTest.session(recorder);
    recorder.finish(Duration.ofSeconds(10));

    assertThat(normalized(recovered)).isEqualTo(normalized(clean));
  }

  private static String normalized(Path tape) throws IOException {
    return Files.readString(tape).replaceAll("\"elapsedMillis\": \\d+", "\"elapsedMillis\": 0");
  }

  @Test
  void namesAFileThatIsNotAJournal() throws IOException {
    Path notJournal = dir.resolve("x.journal");
    Files.write(notJournal, "{\"hello\":1}\n".getBytes(StandardCharsets.UTF_8));

    assertThatThrownBy(() -> TapeRecovery.recover(notJournal, dir.resolve("x.tape.json")))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("x.journal:1: not a cassette journal");
    assertThatThrownBy(
            () -> TapeRecovery.recover(dir.resolve("missing.journal"), dir.resolve("m.json")))
        .isInstanceOf(NoSuchFileException.class)
        .hasMessageContaining("missing.journal");
  }
}
