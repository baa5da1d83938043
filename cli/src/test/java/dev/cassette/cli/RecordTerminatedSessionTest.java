package dev.cassette.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cassette.proxy.record.Recorder;
import dev.cassette.proxy.tape.Exchange;
import dev.cassette.proxy.tape.TapeCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client that ends the session with SIGTERM (as the MCP Java SDK's {@code closeGracefully()}
 * does) gets its tape even when the server has just sent a request the client will never answer.
 */
class RecordTerminatedSessionTest {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final int SIGTERM_STATUS = 128 + 15;
  private static final String INITIALIZE =
      "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
          + "\"2025-11-25\",\"capabilities\":{\"roots\":{}},\"clientInfo\":{\"name\":\"t\","
          + "\"version\":\"0\"}}}";
  private static final String INITIALIZED =
      "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}";
  private static final String ECHO =
      "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\","
          + "\"arguments\":{\"message\":\"last words\"}}}";

  @TempDir Path dir;

  private static String text(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file) : "";
    } catch (IOException e) {
      return "";
    }
  }

  /** Reads relayed lines until one contains {@code fragment}. */
  private static void receiveUntil(RecorderProcess recorder, String fragment) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!recorder.receive(WAIT).contains(fragment)) {
      assertThat(System.nanoTime()).as("a line with %s in time", fragment).isLessThan(deadline);
    }
  }

  @Test
  void aServerRequestOpenAtSigtermIsWrittenWithoutAnAnswer() throws Exception {
    Path tape = dir.resolve("terminated.tape.json");
    Path journal = Recorder.journalOf(tape);
    List<String> arguments =
        List.of(
            "record",
            "-o",
            tape.toString(),
            "--",
            "node",
            RecorderProcess.serverEverything(),
            "stdio");
    try (RecorderProcess recorder = RecorderProcess.start(arguments, Map.of())) {
      recorder.send(INITIALIZE);
      receiveUntil(recorder, "serverInfo");
      recorder.send(INITIALIZED);
      recorder.send(ECHO);
      receiveUntil(recorder, "Echo: last words");
      // server-everything asks for the client's roots 350 ms after the handshake; the client
      // never answers: it terminates the recorder once the request is in the journal.
      await().atMost(WAIT).until(() -> text(journal).contains("\"method\":\"roots/list\""));
      recorder.handle().destroy();

      assertThat(recorder.awaitExit(WAIT)).isEqualTo(SIGTERM_STATUS);
      assertThat(recorder.stderr())
          .contains("the client never answered the server's roots/list request")
          .contains("cassette record: wrote " + tape);
    }
    assertThat(journal).doesNotExist();
    List<Exchange> exchanges = TapeCodec.read(tape).exchanges();
    assertThat(exchanges)
        .extracting(Exchange::method)
        .containsExactly("initialize", "notifications/initialized", "tools/call");
    Exchange echo = exchanges.get(2);
    assertThat(echo.response().at("/result/content/0/text").asString())
        .isEqualTo("Echo: last words");
    assertThat(echo.serverRequests()).hasSize(1);
    assertThat(echo.serverRequests().get(0).request().path("method").asString())
        .isEqualTo("roots/list");
    assertThat(echo.serverRequests().get(0).response()).isNull();
  }
}
