package dev.cassette.engine.replay;

import static dev.cassette.engine.EngineTests.FIXTURES;
import static dev.cassette.engine.EngineTests.execute;
import static dev.cassette.engine.EngineTests.failedWith;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectFile;

import dev.cassette.proxy.record.RecordedTape;
import dev.cassette.proxy.record.Recorder;
import dev.cassette.proxy.record.RecorderOptions;
import dev.cassette.proxy.redact.Redactor;
import dev.cassette.proxy.session.SessionPump;
import dev.cassette.proxy.tape.Exchange;
import dev.cassette.proxy.tape.ServerSpec;
import dev.cassette.proxy.tape.Tape;
import dev.cassette.proxy.tape.TapeCodec;
import dev.cassette.proxy.transport.ChildProcess;
import dev.cassette.proxy.transport.TestPeers;
import dev.cassette.proxy.transport.TransportOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.Events;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The stateless 2026-07-28 era against a real server written with the TypeScript SDK v2: a session
 * driven by the SDK's own client is recorded through the recorder and the session pump, then
 * replayed by the engine against a fresh server, MRTR round included.
 */
class StatelessEraTests {

  static final Path SERVER = FIXTURES.resolve("stateless/server.mjs").toAbsolutePath();
  static final Path CLIENT = FIXTURES.resolve("stateless/client.mjs").toAbsolutePath();
  static final Duration BOUND = Duration.ofSeconds(60);

  @TempDir static Path folder;
  static Path recorded;

  @BeforeAll
  static void recordASessionOfTheTypeScriptClient() throws Exception {
    recorded = folder.resolve("stateless.tape.json");
    record(recorded);
  }

  /** Records what {@code client.mjs} and {@code server.mjs} say to each other into {@code tape}. */
  static RecordedTape record(Path tape) throws Exception {
    Map<String, String> peers = Map.of("CASSETTE_TEST_PEERS", TestPeers.folder().toString());
    List<String> command = List.of("node", SERVER.toString());
    List<String> problems = new ArrayList<>();
    Recorder recorder =
        Recorder.start(
            new RecorderOptions(
                tape,
                "stateless",
                List.of("stateless"),
                ServerSpec.stdio(command),
                Path.of("").toAbsolutePath(),
                problems::add),
            Redactor.defaults());
    TransportOptions options = TransportOptions.defaults();
    try (ChildProcess client =
        ChildProcess.start(List.of("node", CLIENT.toString()), peers, null, options)) {
      ChildProcess server = ChildProcess.start(command, peers, null, options);
      SessionPump pump =
          SessionPump.start(client.fromServer(), client.toServer(), server, recorder, options);
      try {
        assertThat(pump.awaitTermination(BOUND)).as("the session ends").isTrue();
      } finally {
        pump.close();
      }
      assertThat(client.awaitExit(BOUND)).isTrue();
      assertThat(client.exitDescription())
          .as(client.diagnosticsTail())
          .isEqualTo("exited with status 0");
    }
    RecordedTape written = recorder.finish("client done", BOUND, true);
    assertThat(problems).isEmpty();
    return written;
  }

  @Test
  void theTapeHoldsTheStatelessSessionAsTheSdkClientSentIt() throws Exception {
    Tape tape = TapeCodec.read(recorded);
    assertThat(tape.server().protocolVersion()).isEqualTo("2026-07-28");
    assertThat(tape.server().serverInfo().path("name").asString()).isEqualTo("stateless-fixture");
    assertThat(tape.exchanges())
        .extracting(StatelessEraTests::describe)
        .containsExactly(
            "server/discover",
            "tools/list",
            "tools/call greet",
            "tools/call deploy",
            "tools/call deploy",
            "tools/call countdown");
    for (Exchange exchange : tape.exchanges()) {
      assertThat(
              exchange
                  .client()
                  .path("params")
                  .path("_meta")
                  .path("io.modelcontextprotocol/protocolVersion")
                  .asString())
          .isEqualTo("2026-07-28");
    }
    JsonNode inputRequired = tape.exchanges().get(3).response().path("result");
    assertThat(inputRequired.path("resultType").asString()).isEqualTo("input_required");
    assertThat(inputRequired.path("inputRequests").path("confirm").path("method").asString())
        .isEqualTo("elicitation/create");
    JsonNode retry = tape.exchanges().get(4).client().path("params");
    assertThat(retry.path("requestState").asString())
        .isEqualTo(inputRequired.path("requestState").asString());
    assertThat(
            retry
                .path("inputResponses")
                .path("confirm")
                .path("content")
                .path("confirm")
                .asBoolean())
        .isTrue();
    assertThat(
            tape.exchanges()
                .get(4)
                .response()
                .path("result")
                .path("content")
                .get(0)
                .path("text")
                .asString())
        .isEqualTo("deployed to staging");
    assertThat(tape.exchanges().get(5).notifications())
        .extracting(n -> n.path("method").asString())
        .containsExactly("notifications/progress", "notifications/progress");
  }

  @Test
  void theRecordedTapeReplaysGreenAgainstAFreshServerEchoingTheLiveRequestState() {
    execute(
            Map.of("cassette.record", "none", "cassette.server.allowedCommands", "node"),
            selectFile(recorded.toFile()))
        .testEvents()
        .assertStatistics(stats -> stats.started(6).succeeded(6));
  }

  @Test
  void aChangedMrtrResultFailsWithItsJsonPath() throws Exception {
    Tape tape = TapeCodec.read(recorded);
    List<Exchange> exchanges = new ArrayList<>(tape.exchanges());
    Exchange retry = exchanges.get(4);
    ObjectNode response = (ObjectNode) retry.response().deepCopy();
    ((ObjectNode) response.path("result").path("content").get(0))
        .put("text", "deployed to production");
    exchanges.set(
        4,
        new Exchange(
            retry.client(),
            response,
            retry.notifications(),
            retry.serverRequests(),
            retry.elapsedMillis(),
            retry.match(),
            retry.extensions(),
            null));
    Path mutated = folder.resolve("mutated.tape.json");
    TapeCodec.write(tape.withExchanges(exchanges), mutated);

    Events tests =
        execute(
                Map.of("cassette.record", "none", "cassette.server.allowedCommands", "node"),
                selectFile(mutated.toFile()))
            .testEvents();

    tests.assertStatistics(stats -> stats.started(6).succeeded(5).failed(1));
    int line = TapeCodec.read(mutated).exchanges().get(4).position().line();
    tests
        .assertThatEvents()
        .haveExactly(
            1,
            failedWith(
                "exchange:5",
                m ->
                    m.contains(
                            "\"result.content[0].text\" expected: <\"deployed to production\">"
                                + " but was: <\"deployed to staging\">")
                        && m.contains("mutated.tape.json:" + line)));
  }

  @Test
  void aChangedInputRequestFailsWithItsJsonPath() throws Exception {
    Tape tape = TapeCodec.read(recorded);
    String json =
        TapeCodec.toJson(tape).replace("\"Deploy to staging?\"", "\"Deploy to staging now?\"");
    Path mutated = folder.resolve("mutated-question.tape.json");
    Files.writeString(mutated, json);

    Events tests =
        execute(
                Map.of("cassette.record", "none", "cassette.server.allowedCommands", "node"),
                selectFile(mutated.toFile()))
            .testEvents();

    tests.assertStatistics(stats -> stats.started(6).succeeded(5).failed(1));
    tests
        .assertThatEvents()
        .haveExactly(
            1,
            failedWith(
                "exchange:4",
                "\"result.inputRequests.confirm.params.message\" expected:"
                    + " <\"Deploy to staging now?\"> but was: <\"Deploy to staging?\">"));
  }

  private static String describe(Exchange exchange) {
    JsonNode tool = exchange.client().path("params").path("name");
    return exchange.method() + (tool.isString() ? " " + tool.asString() : "");
  }
}
