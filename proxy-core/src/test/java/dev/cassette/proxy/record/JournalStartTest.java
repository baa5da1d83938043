package dev.cassette.proxy.record;

import static dev.cassette.proxy.session.SessionListener.Direction.CLIENT_TO_SERVER;
import static dev.cassette.proxy.session.SessionListener.Direction.SERVER_TO_CLIENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cassette.proxy.redact.Redactor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A recording that fails as it starts leaves nothing that blocks the next one. */
class JournalStartTest {

  @TempDir Path dir;

  /** Creates the file as the real appender does, then fails every write as a full disk does. */
  private static JournalSink fullDisk(Path file) throws IOException {
    JournalAppender real = JournalAppender.create(file);
    return new JournalSink() {
      @Override
      public void append(byte[] bytes) throws IOException {
        throw new IOException("No space left on device");
      }

      @Override
      public void close() throws IOException {
        real.close();
      }
    };
  }

  @Test
  void aJournalWhoseHeaderCannotBeWrittenIsRemoved() {
    Path journal = dir.resolve("full.tape.json.journal");

    assertThatThrownBy(
            () ->
                JournalWriter.create(
                    journal, RecorderTest.header(), note -> {}, JournalStartTest::fullDisk))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("cannot write the header of the journal " + journal)
        .hasMessageContaining("No space left on device");
    assertThat(journal).doesNotExist();
  }

  @Test
  void anEmptyJournalLeftByAFailedStartDoesNotBlockTheNextRecording() throws Exception {
    Path tape = dir.resolve("next.tape.json");
    Files.createFile(Recorder.journalOf(tape));
    recordsAfterRemovingTheHeaderlessJournal(tape);
  }

  @Test
  void aZeroFilledJournalLeftByAFailedStartDoesNotBlockTheNextRecording() throws Exception {
    Path tape = dir.resolve("zeros.tape.json");
    Files.write(Recorder.journalOf(tape), new byte[JournalAppender.REGION_BYTES]);
    recordsAfterRemovingTheHeaderlessJournal(tape);
  }

  private void recordsAfterRemovingTheHeaderlessJournal(Path tape) throws Exception {
    List<String> status = new ArrayList<>();
    Recorder recorder =
        Recorder.start(
            new RecorderOptions(
                tape, "next", List.of(), RecorderTest.header().server(), dir, status::add),
            Redactor.none());
    recorder.onLine(
        CLIENT_TO_SERVER,
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}".getBytes(StandardCharsets.UTF_8),
        System.nanoTime());
    recorder.onLine(
        SERVER_TO_CLIENT,
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}".getBytes(StandardCharsets.UTF_8),
        System.nanoTime());

    RecordedTape written = recorder.finish("done", Duration.ofSeconds(10), true);

    assertThat(written.exchanges()).isOne();
    assertThat(tape).exists();
    assertThat(status)
        .anySatisfy(line -> assertThat(line).contains("removed " + Recorder.journalOf(tape)));
  }

  @Test
  void recoveringAJournalWithoutAHeaderSaysWhatItIs() throws IOException {
    Path journal = dir.resolve("empty.tape.json.journal");
    Files.createFile(journal);

    assertThatThrownBy(() -> TapeRecovery.recover(journal, dir.resolve("empty.tape.json")))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(journal + ": the journal is empty (0 bytes)")
        .hasMessageContaining("the recording failed as it started")
        .hasMessageContaining("nothing to recover");
  }
}
