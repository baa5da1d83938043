package dev.cassette.proxy.record;

import static dev.cassette.proxy.session.SessionListener.Direction.CLIENT_TO_SERVER;
import static dev.cassette.proxy.session.SessionListener.Direction.SERVER_TO_CLIENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cassette.proxy.session.SessionListener.Direction;
import dev.cassette.proxy.tape.Exchange;
import dev.cassette.proxy.tape.Recording;
import dev.cassette.proxy.tape.ServerSpec;
import dev.cassette.proxy.tape.Tape;
import dev.cassette.proxy.tape.TapeCodec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecorderTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  @TempDir Path dir;
  private final List<String> status = new CopyOnWriteArrayList<>();

  private Recorder recorder(Path tape) throws IOException {
    return new Recorder(tape, header(), TestRedactions.canary("s3cr3t-value"), dir, status::add);
  }

  static JournalHeader header() {
    return new JournalHeader(
        "greeting",
        List.of("smoke"),
        new Recording("2026-11-25T12:00:00Z", "cassette test", null),
        new ServerSpec(
            ServerSpec.STDIO,
            List.of("node", "server.js"),
            null,
            null,
            List.of("API_KEY"),
            null,
            null,
            null,
            null));
  }

  private static void line(Recorder recorder, Direction direction, String json) {
    recorder.onLine(direction, json.getBytes(StandardCharsets.UTF_8), System.nanoTime());
  }

  static void session(Recorder recorder) {
    line(
        recorder,
        CLIENT_TO_SERVER,
        "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\"}}");
    line(
        recorder,
        SERVER_TO_CLIENT,
        "{\"jsonrpc\":\"2.0\",\"id\":0,\"result\":{\"protocolVersion\":\"2025-11-25\",\"serverInfo\":{\"name\":\"srv\",\"version\":\"1.0\"}}}");
    line(
        recorder,
        CLIENT_TO_SERVER,
        "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
    line(
        recorder,
        CLIENT_TO_SERVER,
        "{\"jsonrpc\":\"2.0\",\"id\":\"1\",\"method\":\"tools/call\",\"params\":{\"name\":\"echo\","
            + "\"arguments\":{\"message\":\"s3cr3t-value\",\"n\":1.50,\"big\":123456789012345678901234567890}}}");
    line(
        recorder,
        SERVER_TO_CLIENT,
        "{\"jsonrpc\":\"2.0\",\"id\":\"1\",\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"Echo: s3cr3t-value ünïcødé\"}]}}");
  }

  @Test
  void writesTheTapeAndDeletesTheJournalOnACleanFinish() throws Exception {
    Path tape = dir.resolve("tapes/greeting.tape.json");
    Recorder recorder = recorder(tape);
    session(recorder);
    RecordedTape result = recorder.finish(TIMEOUT);

    assertThat(result.exchanges()).isEqualTo(3);
    assertThat(Recorder.journalOf(tape)).doesNotExist();
    Tape read = TapeCodec.read(tape);
    assertThat(read.name()).isEqualTo("greeting");
    assertThat(read.tags()).containsExactly("smoke");
    assertThat(read.server().protocolVersion()).isEqualTo("2025-11-25");
    assertThat(read.server().serverInfo().get("name").asString()).isEqualTo("srv");
    assertThat(read.server().env()).containsExactly("API_KEY");
    Exchange call = read.exchanges().get(2);
    assertThat(call.client().get("id").isString()).isTrue();
    assertThat(call.client().at("/params/arguments/n").decimalValue()).hasToString("1.50");
    assertThat(call.client().at("/params/arguments/big").bigIntegerValue())
        .hasToString("123456789012345678901234567890");
    assertThat(call.client().at("/params/arguments/message").asString())
        .isEqualTo("${secret:CANARY}");
    assertThat(Files.readString(tape)).doesNotContain("s3cr3t-value").contains("ünïcødé");
  }

  @Test
  void streamsExactlyTheBytesTheCodecWritesForTheWholeTape() throws Exception {
    Path tape = dir.resolve("same.tape.json");
    Recorder recorder = recorder(tape);
    session(recorder);
    line(
        recorder,
        SERVER_TO_CLIENT,
        "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/message\",\"params\":{}}");
    recorder.finish(TIMEOUT);

    String streamed = Files.readString(tape);
    List<Exchange> exchanges = new ArrayList<>();
    for (Exchange exchange : TapeCodec.read(tape).exchanges()) {
      exchanges.add(exchange.withoutPosition());
    }
    Tape whole = TapeCodec.read(tape).withExchanges(exchanges);
    assertThat(streamed).isEqualTo(TapeCodec.toJson(whole));
  }

  @Test
  void ordersBothDirectionsByReadTimeWhenAResponseIsToldBeforeItsRequest() throws Exception {
    Path tape = dir.resolve("race.tape.json");
    Recorder recorder = recorder(tape);
    long readRequest = System.nanoTime();
    long readResponse = readRequest + 1_000;
    recorder.onLine(
        SERVER_TO_CLIENT,
        "{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":{}}".getBytes(StandardCharsets.UTF_8),
        readResponse);
    recorder.onLine(
        CLIENT_TO_SERVER,
        "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"ping\"}".getBytes(StandardCharsets.UTF_8),
        readRequest);
    RecordedTape result = recorder.finish("done", TIMEOUT, true);

    assertThat(result.notes()).isEmpty();
    Exchange ping = TapeCodec.read(tape).exchanges().get(0);
    assertThat(ping.method()).isEqualTo("ping");
    assertThat(ping.response().get("id").asInt()).isEqualTo(7);
  }

  @Test
  void journalsEachLineBeforeOnLineReturnsAndCleanMessagesAsRelayed() throws Exception {
    Path tape = dir.resolve("now.tape.json");
    Recorder recorder = recorder(tape);
    String spaced = "{ \"jsonrpc\" : \"2.0\", \"id\" : 9, \"method\" : \"ping\" }";
    line(recorder, CLIENT_TO_SERVER, spaced);
    line(recorder, CLIENT_TO_SERVER, "{\"jsonrpc\":\"2.0\",\"id\":10,\"method\":\"s3cr3t-value\"}");

    String written = Files.readString(Recorder.journalOf(tape));
    List<String> journal = written.substring(0, written.indexOf('\0')).lines().toList();
    assertThat(journal).hasSize(3); // header and both lines, before the session ends
    assertThat(journal.get(1)).contains(spaced);
    assertThat(journal.get(2)).doesNotContain("s3cr3t-value").contains("${secret:CANARY}");
    recorder.abandon("test over", TIMEOUT);
  }

  @Test
  void pairsEveryExchangeWhenBothDirectionsJournalAtOnce() throws Exception {
    Path tape = dir.resolve("busy.tape.json");
    Recorder recorder = recorder(tape);
    int calls = 2000;
    Thread client =
        relaying(
            recorder,
            CLIENT_TO_SERVER,
            calls,
            i -> "{\"jsonrpc\":\"2.0\",\"id\":" + i + ",\"method\":\"ping\"}");
    Thread server =
        relaying(
            recorder,
            SERVER_TO_CLIENT,
            calls,
            i ->
                "{\"jsonrpc\":\"2.0\",\"method\":"
                    + "\"notifications/progress\",\"params\":{\"n\":"
                    + i
                    + "}}");
    client.start();
    server.start();
    client.join(TIMEOUT.toMillis());
    server.join(TIMEOUT.toMillis());
    for (int i = 0; i < calls; i++) {
      line(recorder, SERVER_TO_CLIENT, "{\"jsonrpc\":\"2.0\",\"id\":" + i + ",\"result\":{}}");
    }
    RecordedTape result = recorder.finish("done", TIMEOUT, true);

    assertThat(result.exchanges()).isGreaterThanOrEqualTo(calls);
    List<Exchange> pings =
        TapeCodec.read(tape).exchanges().stream().filter(e -> "ping".equals(e.method())).toList();
    assertThat(pings).hasSize(calls);
    for (int i = 0; i < calls; i++) {
      assertThat(pings.get(i).client().get("id").asInt()).isEqualTo(i);
      assertThat(pings.get(i).response().get("id").asInt()).isEqualTo(i);
    }
  }

  /**
   * A thread that hands the recorder {@code count} lines of one direction, as a relay thread does.
   */
  private static Thread relaying(
      Recorder recorder, Direction direction, int count, IntFunction<String> json) {
    return new Thread(
        () -> {
          for (int i = 0; i < count; i++) {
            line(recorder, direction, json.apply(i));
          }
        });
  }

  @Test
  void keepsTheEmbeddedServerAndItsSettingsInTheTape() throws Exception {
    Path tape = dir.resolve("embedded.tape.json");
    tools.jackson.databind.node.ObjectNode embedded =
        dev.cassette.proxy.jsonrpc.Json.mapper()
            .createObjectNode()
            .put("name", "wassette")
            .put("componentDir", "components");
    JournalHeader base = header();
    ServerSpec server =
        new ServerSpec(
            ServerSpec.EMBEDDED, List.of(), null, embedded, List.of(), null, null, null, null);
    Recorder recorder =
        new Recorder(
            tape,
            new JournalHeader(base.name(), base.tags(), base.recorded(), server),
            TestRedactions.canary("s3cr3t-value"),
            dir,
            status::add);
    session(recorder);
    recorder.finish(TIMEOUT);

    ServerSpec written = TapeCodec.read(tape).server();
    assertThat(written.transport()).isEqualTo(ServerSpec.EMBEDDED);
    assertThat(written.embedded()).isEqualTo(embedded);
    assertThat(written.protocolVersion()).isEqualTo("2025-11-25");
  }

  @Test
  void anEmptySessionGivesAnEmptyTape() throws Exception {
    Path tape = dir.resolve("empty.tape.json");
    recorder(tape).finish(TIMEOUT);

    assertThat(TapeCodec.read(tape).exchanges()).isEmpty();
  }

  @Test
  void keepsNonJsonLinesInTheJournalAndReportsThemRedacted() throws Exception {
    Path tape = dir.resolve("noisy.tape.json");
    Recorder recorder = recorder(tape);
    line(recorder, SERVER_TO_CLIENT, "Starting server with token s3cr3t-value ...");
    session(recorder);
    Path journal = recorder.abandon("test", TIMEOUT);

    String text = Files.readString(journal);
    assertThat(text)
        .contains("Starting server with token ${secret:CANARY}")
        .doesNotContain("s3cr3t-value");
    assertThat(status)
        .singleElement()
        .asString()
        .startsWith(
            "server wrote a non-JSON line on stdout (line 1): Starting server with token ${secret:CANARY}");
  }

  @Test
  void aFailedSessionKeepsTheJournalAndLeavesTheEarlierTapeAlone() throws Exception {
    Path tape = dir.resolve("kept.tape.json");
    Files.writeString(tape, "earlier tape\n");
    Recorder recorder = recorder(tape);
    session(recorder);
    Path journal = recorder.abandon("server exited with status 3", TIMEOUT);

    assertThat(Files.readString(tape)).isEqualTo("earlier tape\n");
    assertThat(Files.readString(journal)).contains("server exited with status 3");
    Path recovered = dir.resolve("recovered.tape.json");
    RecordedTape result = TapeRecovery.recover(journal, recovered);
    assertThat(result.exchanges()).isEqualTo(3);
    assertThat(TapeCodec.read(recovered).server().protocolVersion()).isEqualTo("2025-11-25");
  }

  @Test
  void refusesToOverwriteAnEarlierJournal() throws Exception {
    Path tape = dir.resolve("twice.tape.json");
    Files.writeString(Recorder.journalOf(tape), "left over\n");

    assertThatThrownBy(() -> recorder(tape))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("already exists")
        .hasMessageContaining("cassette tape recover");
  }
}
