package dev.cassette.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cassette.proxy.jsonrpc.Json;
import dev.cassette.proxy.record.Recorder;
import dev.cassette.proxy.tape.Exchange;
import dev.cassette.proxy.tape.TapeCodec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * {@code cassette record} as an MCP client sees it: a session that cannot start is refused with a
 * JSON-RPC error the client can show, the server's log reaches the client's stderr, and the server
 * can be named as one option value.
 */
class RecordRefusalTest {

  private static final Duration EXIT = Duration.ofSeconds(30);
  private static final String INITIALIZE =
      "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
          + "\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"0\"}}}";

  @TempDir Path dir;

  private static List<String> record(Path tape, String... rest) {
    List<String> arguments = new ArrayList<>(List.of("record", "-o", tape.toString()));
    arguments.addAll(List.of(rest));
    return arguments;
  }

  /** Sends {@code initialize} and returns the error the recorder answered with. */
  private static JsonNode refusal(RecorderProcess recorder) throws Exception {
    recorder.send(INITIALIZE);
    String line = recorder.receive(EXIT);
    assertThat(line).as("an answer to initialize").isNotNull();
    JsonNode response = Json.parse(line);
    assertThat(response.get("id").asInt()).isEqualTo(7);
    assertThat(response.get("error").get("code").asInt()).isEqualTo(StartRefusal.CODE);
    return response.get("error");
  }

  @Test
  void aServerThatCannotStartIsExplainedToTheClient() throws Exception {
    Path tape = dir.resolve("x.tape.json");
    try (RecorderProcess recorder =
        RecorderProcess.start(record(tape, "--", "no-such-mcp-server-x2"), Map.of())) {
      assertThat(refusal(recorder).get("message").asString())
          .isEqualTo(
              "cassette record could not start the session: cannot start server:"
                  + " 'no-such-mcp-server-x2': No such file or directory");
      assertThat(recorder.awaitExit(EXIT)).isEqualTo(1);
    }
    assertThat(tape).doesNotExist();
  }

  @Test
  void anUnwritableOutputIsExplainedToTheClient() throws Exception {
    Path tape = dir.resolve("missing-folder/x.tape.json");
    Files.writeString(dir.resolve("missing-folder"), "a file where the folder should be");
    try (RecorderProcess recorder =
        RecorderProcess.start(
            record(tape, "--", "node", RecorderProcess.serverEverything(), "stdio"), Map.of())) {
      assertThat(refusal(recorder).get("message").asString())
          .startsWith("cassette record could not start the session: ")
          .contains("missing-folder");
      assertThat(recorder.awaitExit(EXIT)).isEqualTo(1);
    }
  }

  @Test
  void aJournalLeftByACrashIsExplainedToTheClient() throws Exception {
    Path tape = dir.resolve("x.tape.json");
    Files.writeString(Recorder.journalOf(tape), "{\"left\":\"by a crash\"}\n");
    try (RecorderProcess recorder =
        RecorderProcess.start(
            record(tape, "--", "node", RecorderProcess.serverEverything(), "stdio"), Map.of())) {
      assertThat(refusal(recorder).get("message").asString())
          .contains(Recorder.journalOf(tape).toString());
      assertThat(recorder.awaitExit(EXIT)).isEqualTo(1);
    }
    assertThat(Files.readString(Recorder.journalOf(tape))).isEqualTo("{\"left\":\"by a crash\"}\n");
  }

  @Test
  void aBadOptionIsExplainedToTheClientAndExitsWithUsageStatus() throws Exception {
    Path tape = dir.resolve("x.tape.json");
    try (RecorderProcess recorder =
        RecorderProcess.start(
            record(tape, "--max-line-bytes", "none", "--", "node", "server.js"), Map.of())) {
      assertThat(refusal(recorder).get("message").asString())
          .startsWith("cassette record could not start the session: ")
          .contains("--max-line-bytes")
          .contains("none");
      assertThat(recorder.awaitExit(EXIT)).isEqualTo(2);
    }
  }

  @Test
  void theServerCanBeNamedAsOneOptionValue() throws Exception {
    Path tape = dir.resolve("x.tape.json");
    String server = "node --no-warnings '" + RecorderProcess.serverEverything() + "' stdio";
    try (RecorderProcess recorder =
        RecorderProcess.start(record(tape, "--server", server), Map.of())) {
      recorder.send(INITIALIZE);
      assertThat(Json.parse(recorder.receive(EXIT)).at("/result/serverInfo").isObject()).isTrue();
      recorder.closeInput();
      assertThat(recorder.awaitExit(EXIT)).isZero();
    }
    assertThat(TapeCodec.read(tape).server().command())
        .containsExactly("node", "--no-warnings", RecorderProcess.serverEverything(), "stdio");
    assertThat(TapeCodec.read(tape).exchanges())
        .extracting(Exchange::method)
        .first()
        .isEqualTo("initialize");
  }

  @Test
  void theServerAndACommandAfterDashesAreNotBothAccepted() throws Exception {
    Path tape = dir.resolve("x.tape.json");
    try (RecorderProcess recorder =
        RecorderProcess.start(
            record(tape, "--server", "node a.js", "--", "node", "b.js"), Map.of())) {
      assertThat(refusal(recorder).get("message").asString()).contains("--server");
      assertThat(recorder.awaitExit(EXIT)).isEqualTo(2);
    }
  }

  @Test
  void theServersLogReachesTheClientsStderrRedacted() throws Exception {
    Path tape = dir.resolve("x.tape.json");
    String secret = "canary-" + java.util.UUID.randomUUID();
    String script =
        "echo \"server log: starting with $LOG_CANARY\" >&2; exec node '"
            + RecorderProcess.serverEverything()
            + "' stdio";
    try (RecorderProcess recorder =
        RecorderProcess.start(
            record(tape, "--env", "LOG_CANARY", "--", "sh", "-c", script),
            Map.of("LOG_CANARY", secret))) {
      recorder.send(INITIALIZE);
      assertThat(recorder.receive(EXIT)).contains("serverInfo");
      recorder.closeInput();
      assertThat(recorder.awaitExit(EXIT)).isZero();
      assertThat(recorder.stderr())
          .contains("server log: starting with ${secret:LOG_CANARY}")
          .doesNotContain(secret);
    }
  }

  @Test
  void aServerIgnoringEofAndSigtermIsStoppedPromptlyAndTheTapeWritten() throws Exception {
    Path tape = dir.resolve("x.tape.json");
    Path server = Path.of(RecordRefusalTest.class.getResource("stubborn-server.js").toURI());
    try (RecorderProcess recorder =
        RecorderProcess.start(record(tape, "--", "node", server.toString()), Map.of())) {
      recorder.send(INITIALIZE);
      assertThat(recorder.receive(EXIT)).contains("stubborn");
      recorder.send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
      recorder.closeInput();
      assertThat(recorder.awaitExit(Duration.ofMillis(2500))).isZero();
    }
    assertThat(TapeCodec.read(tape).exchanges()).hasSize(2);
  }
}
