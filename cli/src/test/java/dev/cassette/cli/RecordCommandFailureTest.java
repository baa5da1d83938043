package dev.cassette.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cassette.proxy.record.Recorder;
import dev.cassette.proxy.tape.TapeCodec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cassette record} against servers and clients that misbehave: clear errors, bounded. */
class RecordCommandFailureTest {

  private static final Duration EXIT = Duration.ofSeconds(30);
  private static final String EARLIER = "{\"earlier\": \"tape\"}\n";
  private static final String INITIALIZE =
      "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
          + "\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"0\"}}}";
  private static final String INITIALIZED =
      "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}";

  @TempDir Path dir;

  private Path earlierTape() throws Exception {
    Path tape = dir.resolve("x.tape.json");
    Files.writeString(tape, EARLIER);
    return tape;
  }

  private static List<String> record(Path tape, String... server) {
    List<String> arguments = new ArrayList<>(List.of("record", "-o", tape.toString(), "--"));
    arguments.addAll(List.of(server));
    return arguments;
  }

  @Test
  void aServerCommandThatIsNotFoundIsNamed() throws Exception {
    Path tape = earlierTape();
    try (RecorderProcess recorder =
        RecorderProcess.start(record(tape, "no-such-mcp-server-x1"), Map.of())) {
      assertThat(recorder.awaitExit(EXIT)).isEqualTo(1);
      assertThat(recorder.stderr())
          .contains("cassette record: cannot start server: 'no-such-mcp-server-x1'");
    }
    assertThat(Files.readString(tape)).isEqualTo(EARLIER);
    assertThat(Recorder.journalOf(tape)).doesNotExist();
  }

  @Test
  void aServerThatExitsAtOnceEndsTheSessionWithItsStatus() throws Exception {
    Path tape = earlierTape();
    try (RecorderProcess recorder =
        RecorderProcess.start(record(tape, "sh", "-c", "echo dying >&2; exit 3"), Map.of())) {
      assertThat(recorder.awaitExit(EXIT)).isEqualTo(1);
      assertThat(recorder.stderr())
          .contains("cassette record: the session failed before any message")
          .contains("status 3")
          .contains("dying");
    }
    assertThat(Files.readString(tape)).isEqualTo(EARLIER);
    assertThat(Recorder.journalOf(tape)).doesNotExist();
  }

  @Test
  void aSecretTheServerPrintsOnStderrIsRedactedInOurs() throws Exception {
    Path tape = earlierTape();
    String secret = "canary-" + java.util.UUID.randomUUID();
    List<String> arguments =
        new ArrayList<>(List.of("record", "-o", tape.toString(), "--env", "CANARY_SECRET", "--"));
    arguments.addAll(List.of("sh", "-c", "echo \"token is $CANARY_SECRET\" >&2; exit 3"));
    try (RecorderProcess recorder =
        RecorderProcess.start(arguments, Map.of("CANARY_SECRET", secret))) {
      assertThat(recorder.awaitExit(EXIT)).isEqualTo(1);
      assertThat(recorder.stderr())
          .contains("token is ${secret:CANARY_SECRET}")
          .contains("status 3")
          .doesNotContain(secret);
    }
  }

  @Test
  void aServerThatPrintsNonJsonIsReportedAndItsLineKeptInTheJournal() throws Exception {
    Path tape = earlierTape();
    String server =
        "echo 'Server ready, hello!'; exec node '" + RecorderProcess.serverEverything() + "' stdio";
    try (RecorderProcess recorder =
        RecorderProcess.start(record(tape, "sh", "-c", server), Map.of())) {
      recorder.send(INITIALIZE);
      assertThat(recorder.receive(EXIT)).isEqualTo("Server ready, hello!");
      assertThat(recorder.receive(EXIT)).contains("\"id\":0").contains("serverInfo");
      recorder.send(INITIALIZED);
      recorder.closeInput();

      assertThat(recorder.awaitExit(EXIT)).isEqualTo(1);
      assertThat(recorder.stderr())
          .contains(
              "cassette record: server wrote a non-JSON line on stdout (line 1): Server ready, hello!")
          .contains("the tape was not written")
          .contains("cassette tape recover " + Recorder.journalOf(tape));
    }
    assertThat(Files.readString(tape)).isEqualTo(EARLIER);
    assertThat(Files.readString(Recorder.journalOf(tape))).contains("Server ready, hello!");
    Path recovered = dir.resolve("recovered.tape.json");
    int status =
        Cassette.commandLine()
            .execute(
                "tape", "recover", Recorder.journalOf(tape).toString(), "-o", recovered.toString());
    assertThat(status).isZero();
    assertThat(TapeCodec.read(recovered).exchanges()).hasSize(2);
  }

  @Test
  void aClientThatDisconnectsMidCallLeavesTheJournalAndNoOrphan() throws Exception {
    Path tape = earlierTape();
    try (RecorderProcess recorder =
        RecorderProcess.start(
            record(tape, "node", RecorderProcess.serverEverything(), "stdio"), Map.of())) {
      recorder.send(INITIALIZE);
      recorder.receive(EXIT);
      recorder.send(INITIALIZED);
      recorder.send(
          "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":"
              + "\"trigger-long-running-operation\",\"arguments\":{\"duration\":30,\"steps\":2}}}");
      await().atMost(EXIT).until(() -> recorder.handle().descendants().findAny().isPresent());
      List<ProcessHandle> children = recorder.handle().descendants().toList();
      recorder.closeInput();

      assertThat(recorder.awaitExit(EXIT)).isEqualTo(1);
      assertThat(recorder.stderr())
          .contains("the session did not end cleanly, so the tape was not written")
          .contains("tools/call) ended without a response");
      await().atMost(EXIT).until(() -> children.stream().noneMatch(ProcessHandle::isAlive));
    }
    assertThat(Files.readString(tape)).isEqualTo(EARLIER);
    assertThat(Recorder.journalOf(tape)).exists();
  }

  @Test
  void refusesToStartOverAnEarlierJournal() throws Exception {
    Path tape = earlierTape();
    Files.writeString(Recorder.journalOf(tape), "{\"cassetteJournal\":1}\n");
    try (RecorderProcess recorder =
        RecorderProcess.start(
            record(tape, "node", RecorderProcess.serverEverything(), "stdio"), Map.of())) {
      assertThat(recorder.awaitExit(EXIT)).isEqualTo(1);
      assertThat(recorder.stderr()).contains("already exists").contains("cassette tape recover");
    }
  }
}
