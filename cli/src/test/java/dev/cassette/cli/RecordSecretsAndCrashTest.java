package dev.cassette.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cassette.proxy.record.Recorder;
import dev.cassette.proxy.tape.Exchange;
import dev.cassette.proxy.tape.Tape;
import dev.cassette.proxy.tape.TapeCodec;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Secrets never written anywhere; a SIGKILLed recorder leaves the earlier tape and a journal. */
class RecordSecretsAndCrashTest {

  private static final String CANARY_VARIABLE = "CASSETTE_CANARY_SECRET";

  @TempDir Path dir;

  private static String text(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file) : "";
    } catch (java.io.IOException e) {
      return "";
    }
  }

  private static McpSchema.CallToolResult call(
      McpSyncClient client, String tool, Map<String, Object> arguments) {
    return client.callTool(McpSchema.CallToolRequest.builder(tool).arguments(arguments).build());
  }

  private static String firstText(McpSchema.CallToolResult result) {
    return ((McpSchema.TextContent) result.content().get(0)).text();
  }

  private static boolean isNode(ProcessHandle process) {
    return process.info().command().orElse("").endsWith("node");
  }

  @Test
  void noSecretReachesTheTapeTheJournalOrStderr() throws Exception {
    String envSecret = "canary-" + UUID.randomUUID();
    String bearer = "tok" + UUID.randomUUID().toString().replace("-", "") + "42";
    Path tape = dir.resolve("secrets.tape.json");
    Path journal = Recorder.journalOf(tape);
    Queue<String> stderr = new ConcurrentLinkedQueue<>();
    McpSyncClient client =
        SdkSessions.client(
            SdkSessions.recorded(
                List.of("-o", tape.toString(), "--env", CANARY_VARIABLE),
                Map.of(CANARY_VARIABLE, envSecret)),
            stderr,
            new ConcurrentLinkedQueue<>());
    String journalDuringSession;
    try {
      client.initialize();
      String env = firstText(call(client, "get-env", Map.of()));
      String echo =
          firstText(
              call(
                  client,
                  "echo",
                  Map.of("message", "Authorization: Bearer " + bearer + " and " + envSecret)));
      assertThat(env).as("the client sees the server's real output").contains(envSecret);
      assertThat(echo).contains(bearer).contains(envSecret);
      await()
          .atMost(SdkSessions.TIMEOUT)
          .until(() -> text(journal).contains("Authorization: Bearer"));
      journalDuringSession = text(journal);
      await().atMost(SdkSessions.TIMEOUT).until(() -> Journals.allAnswered(journal));
    } finally {
      client.closeGracefully();
    }
    RecordSessionTest.awaitTape(tape, stderr);
    String tapeText = Files.readString(tape);

    for (String written : List.of(journalDuringSession, tapeText, String.join("\n", stderr))) {
      assertThat(written).doesNotContain(envSecret).doesNotContain(bearer);
    }
    assertThat(tapeText)
        .contains("${secret:" + CANARY_VARIABLE + "}")
        .contains("Authorization: Bearer ${secret:");
    assertThat(TapeCodec.read(tape).server().env()).containsExactly(CANARY_VARIABLE);
  }

  @Test
  void aKilledRecorderLeavesTheEarlierTapeAndAJournalThatRecovers() throws Exception {
    Path tape = dir.resolve("crash.tape.json");
    byte[] earlier =
        "{\n  \"cassette\": 1,\n  \"name\": \"earlier\",\n  \"exchanges\": []\n}\n".getBytes();
    Files.write(tape, earlier);
    Path journal = Recorder.journalOf(tape);
    Queue<String> stderr = new ConcurrentLinkedQueue<>();
    McpSyncClient client =
        SdkSessions.client(
            SdkSessions.recorded(List.of("-o", tape.toString()), Map.of()),
            stderr,
            new ConcurrentLinkedQueue<>());
    List<ProcessHandle> recorderTree;
    try {
      client.initialize();
      assertThat(firstText(call(client, "echo", Map.of("message", "before the crash"))))
          .isEqualTo("Echo: before the crash");
      await()
          .atMost(SdkSessions.TIMEOUT)
          .until(() -> text(journal).contains("Echo: before the crash"));
      ProcessHandle recorder =
          ProcessHandle.current()
              .children()
              .filter(child -> child.isAlive())
              .filter(child -> child.descendants().anyMatch(RecordSecretsAndCrashTest::isNode))
              .findFirst()
              .orElseThrow(() -> new AssertionError("no recorder JVM among this JVM's children"));
      recorderTree = recorder.descendants().toList();
      assertThat(recorderTree).as("the recorder's server").isNotEmpty();

      recorder.destroyForcibly();
      await().atMost(SdkSessions.TIMEOUT).until(() -> !recorder.isAlive());
      // A killed recorder cannot reap its server: it exits on its own once its stdin closes, and
      // whatever is left after a bounded wait is killed here so that no test leaves an orphan.
      try {
        await()
            .atMost(Duration.ofSeconds(15))
            .until(() -> recorderTree.stream().noneMatch(ProcessHandle::isAlive));
      } catch (ConditionTimeoutException e) {
        recorderTree.forEach(ProcessHandle::destroyForcibly);
      }
      await()
          .atMost(SdkSessions.TIMEOUT)
          .until(() -> recorderTree.stream().noneMatch(ProcessHandle::isAlive));
    } finally {
      client.closeGracefully();
    }

    assertThat(Files.readAllBytes(tape)).isEqualTo(earlier);
    assertThat(journal).exists();
    Path recovered = dir.resolve("recovered.tape.json");
    assertThat(
            Cassette.commandLine()
                .execute("tape", "recover", journal.toString(), "-o", recovered.toString()))
        .isZero();
    Tape tapeOfJournal = TapeCodec.read(recovered);
    assertThat(tapeOfJournal.exchanges())
        .extracting(Exchange::method)
        .startsWith("initialize", "notifications/initialized")
        .contains("tools/call");
    Exchange echo =
        tapeOfJournal.exchanges().stream()
            .filter(exchange -> "tools/call".equals(exchange.method()))
            .findFirst()
            .orElseThrow();
    assertThat(echo.response().at("/result/content/0/text").asString())
        .isEqualTo("Echo: before the crash");
  }
}
