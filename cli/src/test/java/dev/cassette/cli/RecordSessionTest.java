package dev.cassette.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cassette.proxy.record.Recorder;
import dev.cassette.proxy.tape.Exchange;
import dev.cassette.proxy.tape.Tape;
import dev.cassette.proxy.tape.TapeCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Records real sessions of the official MCP Java SDK client with server-everything. */
class RecordSessionTest {

  @TempDir Path dir;

  private static boolean journalHolds(Path journal, String... fragments) {
    try {
      String text = Files.exists(journal) ? Files.readString(journal) : "";
      for (String fragment : fragments) {
        if (!text.contains(fragment)) {
          return false;
        }
      }
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static java.util.stream.Collector<Exchange, ?, Exchange> onlyElement() {
    return java.util.stream.Collectors.collectingAndThen(
        java.util.stream.Collectors.toList(),
        list -> {
          assertThat(list).as("exchanges holding a server request").hasSize(1);
          return list.get(0);
        });
  }

  /** Runs a session; when it fails, the failure carries the recorder's stderr. */
  static <T> T withStderr(Queue<String> stderr, Callable<T> session) throws Exception {
    try {
      return session.call();
    } catch (RuntimeException e) {
      throw new AssertionError("session failed; recorder stderr:\n" + String.join("\n", stderr), e);
    }
  }

  /**
   * Waits for the recorder (terminated by the SDK client) to write the tape and drop the journal.
   * The SDK client stops reading the recorder's stderr once it closes, so a failure also shows the
   * journal's last lines (how the session ended).
   */
  static void awaitTape(Path tape, Queue<String> stderr) {
    try {
      await()
          .atMost(SdkSessions.TIMEOUT)
          .until(() -> Files.exists(tape) && !Files.exists(Recorder.journalOf(tape)));
    } catch (ConditionTimeoutException e) {
      throw new AssertionError(
          "no tape at "
              + tape
              + "; recorder stderr:\n"
              + String.join("\n", stderr)
              + "\njournal ends with:\n"
              + journalEnd(Recorder.journalOf(tape)),
          e);
    }
  }

  private static String journalEnd(Path journal) {
    try {
      List<String> lines = Files.exists(journal) ? Files.readAllLines(journal) : List.of();
      return lines.subList(Math.max(0, lines.size() - 3), lines.size()).stream()
          .map(line -> line.length() > 300 ? line.substring(0, 300) + "…" : line)
          .collect(java.util.stream.Collectors.joining("\n"));
    } catch (IOException e) {
      return "(unreadable: " + e.getMessage() + ")";
    }
  }

  @Test
  void theTapeHoldsEachMessageInItsExchangeAndTheClientSeesWhatItSeesDirectly() throws Exception {
    Path tape = dir.resolve("everything.tape.json");
    Path journal = Recorder.journalOf(tape);
    Queue<String> stderr = new ConcurrentLinkedQueue<>();

    SdkSessions.Seen proxied =
        withStderr(
            stderr,
            () ->
                SdkSessions.run(
                    SdkSessions.recorded(List.of("-o", tape.toString(), "--tag", "sdk"), Map.of()),
                    stderr,
                    () -> journalHolds(journal, "\"method\":\"roots/list\"", SdkSessions.ROOT_URI),
                    () -> Journals.allAnswered(journal)));
    awaitTape(tape, stderr);
    Queue<String> directStderr = new ConcurrentLinkedQueue<>();
    SdkSessions.Seen direct =
        SdkSessions.run(SdkSessions.direct(), directStderr, () -> true, () -> true);

    assertThat(proxied).isEqualTo(direct);
    assertThat(proxied.progressNotifications()).isEqualTo(3);
    Tape recorded = TapeCodec.read(tape);
    assertThat(recorded.name()).isEqualTo("everything");
    assertThat(recorded.tags()).containsExactly("sdk");
    assertThat(recorded.server().protocolVersion()).isEqualTo(direct.protocolVersion());
    assertThat(recorded.server().serverInfo().get("name").asString())
        .isEqualTo(direct.serverInfo().name());
    List<Exchange> exchanges = recorded.exchanges();
    // The SDK client sends an extra tools/list after each tools/list_changed, whenever it comes.
    assertThat(exchanges)
        .extracting(Exchange::method)
        .filteredOn(method -> !method.equals("tools/list"))
        .containsExactly(
            "initialize",
            "notifications/initialized",
            "tools/call",
            "tools/call",
            "tools/call",
            "resources/list",
            "resources/read",
            "prompts/get",
            "ping");
    assertThat(exchanges).extracting(Exchange::method).contains("tools/list");
    assertThat(exchanges)
        .flatExtracting(Exchange::notifications)
        .extracting(notification -> notification.get("method").asString())
        .contains("notifications/tools/list_changed");
    // roots/list comes ~350 ms after initialization: in the window of whatever the client had open
    // then (the SDK's own tools/list), else after notifications/initialized.
    Exchange withRoots =
        exchanges.stream()
            .filter(exchange -> !exchange.serverRequests().isEmpty())
            .collect(onlyElement());
    assertThat(withRoots.method()).isIn("notifications/initialized", "tools/list");
    assertThat(withRoots.serverRequests())
        .singleElement()
        .satisfies(
            roots -> {
              assertThat(roots.request().get("method").asString()).isEqualTo("roots/list");
              assertThat(roots.response().get("id")).isEqualTo(roots.request().get("id"));
              assertThat(roots.response().at("/result/roots/0/uri").asString())
                  .isEqualTo(SdkSessions.ROOT_URI);
            });
    List<Exchange> calls =
        exchanges.stream().filter(exchange -> "tools/call".equals(exchange.method())).toList();
    Exchange echo = calls.get(0);
    assertThat(echo.response().get("id")).isEqualTo(echo.client().get("id"));
    assertThat(echo.response().at("/result/content/0/text").asString()).isEqualTo("Echo: hello");
    assertThat(calls.get(1).response().at("/result/content/0/text").asString()).contains("42");
    Exchange longRun = calls.get(2);
    assertThat(longRun.notifications())
        .hasSize(3)
        .allSatisfy(
            progress -> {
              assertThat(progress.get("method").asString()).isEqualTo("notifications/progress");
              assertThat(progress.at("/params/progressToken").asString()).isEqualTo("progress-1");
            });
    assertThat(longRun.elapsedMillis()).isGreaterThanOrEqualTo(250);
    Exchange ping = exchanges.get(exchanges.size() - 1);
    assertThat(ping.response().get("result").isEmpty()).isTrue();
    assertThat(String.join("\n", stderr))
        .contains("cassette record: recording server 'node' into " + tape);
  }
}
