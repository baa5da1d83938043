package dev.cassette.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cassette.proxy.tape.Exchange;
import dev.cassette.proxy.tape.Tape;
import dev.cassette.proxy.tape.TapeCodec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Re-recording over an earlier tape with {@code cassette record}: what did not change stays as it
 * was (hand-written placeholders included), so the diff shows only what the server changed.
 */
class RerecordTest {

  private static final Duration EXIT = Duration.ofSeconds(60);

  /** Echoes with the time, so that two recordings differ unless a placeholder covers it. */
  private static final String SERVER =
      """
      const rl = require('readline').createInterface({ input: process.stdin });
      rl.on('line', (line) => {
        const m = JSON.parse(line);
        if (m.id === undefined) return;
        const result = m.method === 'initialize'
          ? { protocolVersion: '2025-11-25', capabilities: { tools: {} },
              serverInfo: { name: 'echo', version: '1.0.0' } }
          : { content: [{ type: 'text',
                          text: 'Echo: ' + m.params.arguments.message + ' at ' + Date.now() }] };
        process.stdout.write(JSON.stringify({ jsonrpc: '2.0', id: m.id, result }) + '\\n');
      });
      """;

  @TempDir Path dir;
  private Path server;
  private Path tape;

  @BeforeEach
  void writeServer() throws Exception {
    server = Files.writeString(dir.resolve("echo-server.js"), SERVER);
    tape = dir.resolve("echo.tape.json");
  }

  private String record(String... messages) throws Exception {
    List<String> arguments =
        List.of("record", "-o", tape.toString(), "--", "node", server.toString());
    try (RecorderProcess recorder = RecorderProcess.start(arguments, Map.of())) {
      recorder.send(
          "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
              + "\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"0\"}}}");
      recorder.receive(EXIT);
      recorder.send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
      for (int i = 0; i < messages.length; i++) {
        recorder.send(
            "{\"jsonrpc\":\"2.0\",\"id\":"
                + (i + 1)
                + ",\"method\":\"tools/call\",\"params\":{\"name\":\"echo\",\"arguments\":"
                + "{\"message\":\""
                + messages[i]
                + "\"}}}");
        recorder.receive(EXIT);
      }
      recorder.closeInput();
      assertThat(recorder.awaitExit(EXIT)).as(recorder.stderr()).isZero();
      return recorder.stderr();
    }
  }

  /** The first recording, with the time in the echo replaced by a hand-written placeholder. */
  private String recordedAndHandEdited() throws Exception {
    record("hi");
    String text = Files.readString(tape);
    String edited =
        text.replaceFirst("\"Echo: hi at \\d+\"", "\"\\${json-unit.regex}Echo: hi at \\\\\\\\d+\"");
    assertThat(edited).as("the placeholder went in").isNotEqualTo(text);
    Files.writeString(tape, edited);
    return edited;
  }

  @Test
  void theSameSessionKeepsTheTapeByteForByte() throws Exception {
    String edited = recordedAndHandEdited();

    String stderr = record("hi");

    assertThat(stderr).contains("the session gave the same exchanges: " + tape + " is kept");
    assertThat(Files.readString(tape)).isEqualTo(edited);
  }

  @Test
  void aLongerSessionKeepsWhatMatchesAndAddsTheRest() throws Exception {
    recordedAndHandEdited();
    Tape before = TapeCodec.read(tape);

    String stderr = record("hi", "bye");

    assertThat(stderr).contains("kept 3 exchanges of the earlier tape as they were and updated 0");
    Tape after = TapeCodec.read(tape);
    assertThat(after.exchanges()).hasSize(4);
    for (int i = 0; i < 3; i++) {
      assertThat(after.exchanges().get(i).withoutPosition())
          .isEqualTo(before.exchanges().get(i).withoutPosition());
    }
    Exchange bye = after.exchanges().get(3);
    assertThat(bye.response().at("/result/content/0/text").asString()).matches("Echo: bye at \\d+");
  }

  @Test
  void aChangedRequestIsRecordedAfresh() throws Exception {
    recordedAndHandEdited();

    String stderr = record("changed");

    assertThat(stderr).contains("kept 2 exchanges of the earlier tape as they were and updated 0");
    String text = Files.readString(tape);
    assertThat(text).doesNotContain("json-unit.regex").containsPattern("Echo: changed at \\d+");
  }
}
