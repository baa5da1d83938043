package dev.cassette.proxy.record;

import static dev.cassette.proxy.session.SessionListener.Direction.CLIENT_TO_SERVER;
import static dev.cassette.proxy.session.SessionListener.Direction.SERVER_TO_CLIENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cassette.proxy.redact.Redactor;
import dev.cassette.proxy.session.SessionListener.Direction;
import dev.cassette.proxy.tape.Exchange;
import dev.cassette.proxy.tape.TapeCodec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a clean end is: the client's requests all answered; a server request the client never
 * answered (it left as the server sent it) does not stop the tape.
 */
class RecorderCleanEndTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  @TempDir Path dir;

  private Recorder recorder(Path tape) throws IOException {
    return new Recorder(tape, RecorderTest.header(), Redactor.none(), dir, problem -> {});
  }

  private static void line(Recorder recorder, Direction direction, String json) {
    recorder.onLine(direction, json.getBytes(StandardCharsets.UTF_8), System.nanoTime());
  }

  private static void answeredCall(Recorder recorder) {
    line(recorder, CLIENT_TO_SERVER, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\"}");
    line(recorder, SERVER_TO_CLIENT, "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}");
  }

  @Test
  void aServerRequestTheClientLeftUnansweredIsWrittenWithoutAnAnswer() throws Exception {
    Path tape = dir.resolve("ended.tape.json");
    Recorder recorder = recorder(tape);
    answeredCall(recorder);
    line(recorder, SERVER_TO_CLIENT, "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"roots/list\"}");

    RecordedTape written = recorder.finish("session closed by the proxy", TIMEOUT, true);

    assertThat(written.exchanges()).isOne();
    assertThat(written.notes())
        .containsExactly(
            "exchange 0 (tools/call): the client never answered the server's roots/list request"
                + " (kept without an answer)");
    assertThat(Recorder.journalOf(tape)).doesNotExist();
    Exchange call = TapeCodec.read(tape).exchanges().get(0);
    assertThat(call.response()).isNotNull();
    assertThat(call.serverRequests()).hasSize(1);
    assertThat(call.serverRequests().get(0).response()).isNull();
  }

  @Test
  void aClientRequestLeftWithoutResponseStillStopsTheTape() throws Exception {
    Path tape = dir.resolve("open.tape.json");
    Recorder recorder = recorder(tape);
    answeredCall(recorder);
    line(recorder, CLIENT_TO_SERVER, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\"}");

    assertThatThrownBy(() -> recorder.finish("session closed by the proxy", TIMEOUT, true))
        .isInstanceOf(UncleanSessionException.class)
        .hasMessageContaining("exchange 1 (tools/call) ended without a response");
    assertThat(tape).doesNotExist();
    assertThat(Recorder.journalOf(tape)).exists();
  }
}
