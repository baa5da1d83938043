package dev.cassette.engine.replay;

import static dev.cassette.engine.EngineTests.FIXTURES;
import static dev.cassette.engine.EngineTests.everythingCommand;
import static dev.cassette.engine.EngineTests.execute;
import static dev.cassette.engine.EngineTests.failedWith;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectFile;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.cassette.engine.discovery.EverythingTapes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.Events;

/** Replays fixture tapes against the real server-everything over stdio. */
class ReplayTests {

  static final Path EVERYTHING = FIXTURES.resolve("tapes/everything.tape.json");

  static Map<String, String> everything() {
    return Map.of("cassette.server.command", everythingCommand(), "cassette.record", "none");
  }

  /** {@link #everything()} with one more setting. */
  static Map<String, String> everything(String key, String value) {
    Map<String, String> configuration = new HashMap<>(everything());
    configuration.put(key, value);
    return configuration;
  }

  static Path copy(Path tape, Path folder, String from, String to) throws IOException {
    String text = Files.readString(tape, StandardCharsets.UTF_8);
    assertThat(text).contains(from);
    Path target = folder.resolve(tape.getFileName());
    Files.writeString(target, text.replace(from, to), StandardCharsets.UTF_8);
    return target;
  }

  @Test
  void recordedSessionReplaysGreenTwiceInARow() {
    for (int run = 0; run < 2; run++) {
      Events tests = execute(everything(), selectFile(EVERYTHING.toFile())).testEvents();
      tests.assertStatistics(stats -> stats.started(7).succeeded(7).failed(0).skipped(0));
    }
  }

  @Test
  void tapeSuiteClassReplaysItsTapes() {
    EngineExecutionResults results = execute(everything(), selectClass(EverythingTapes.class));
    results.testEvents().assertStatistics(stats -> stats.started(10).succeeded(10));
    results.containerEvents().assertStatistics(stats -> stats.failed(0));
  }

  @Test
  void changedResponseFailsWithPathExpectedActualAndLine(@TempDir Path folder) throws IOException {
    Path tape = copy(EVERYTHING, folder, "\"Echo: hello\"", "\"Echo: hullo\"");
    Events tests = execute(everything(), selectFile(tape.toFile())).testEvents();
    tests.assertStatistics(stats -> stats.started(7).succeeded(6).failed(1));
    tests
        .assertThatEvents()
        .haveExactly(
            1,
            event(
                test("exchange:4"),
                finishedWithFailure(
                    message(
                        "tools/call echo (#4) does not match the tape at "
                            + tape
                            + ":536:5\n"
                            + "  \"result.content[0].text\" expected: <\"Echo: hullo\"> but was:"
                            + " <\"Echo: hello\">\n"
                            + "  matchers: ignorePaths=[id], ignoreArrayOrder=false,"
                            + " ignoreExtraFields=false, numericTolerance=none, nullAsAbsent=false,"
                            + " jsonInText=true, notifications=unordered, strict=false"))));
  }

  @Test
  void placeholdersAndJsonInTextLetVolatileValuesPass(@TempDir Path folder) throws IOException {
    Path tape =
        copy(
            EVERYTHING,
            folder,
            "\"{\\\"temperature\\\":33,",
            "\"{\\\"temperature\\\":\\\"${json-unit.any-number}\\\",");
    Files.writeString(
        tape, Files.readString(tape).replace("\"Echo: hello\"", "\"${json-unit.regex}Echo: h.*\""));
    execute(everything(), selectFile(tape.toFile()))
        .testEvents()
        .assertStatistics(stats -> stats.started(7).succeeded(7));
  }

  @Test
  void ignoredPathLetsChangedValuePass(@TempDir Path folder) throws IOException {
    Path tape = copy(EVERYTHING, folder, "\"The sum of 2 and 3 is 5.\"", "\"The sum is five.\"");
    execute(
            everything("cassette.match.ignorePaths", "$.result.content[0].text"),
            selectFile(tape.toFile()))
        .testEvents()
        .assertStatistics(stats -> stats.started(7).succeeded(7));
  }

  @Test
  void missingNotificationFailsNamingIt(@TempDir Path folder) throws IOException {
    Path tape = copy(EVERYTHING, folder, "\"progress\": 3,", "\"progress\": 4,");
    Events tests =
        execute(everything("cassette.timeout", "6s"), selectFile(tape.toFile())).testEvents();
    tests
        .assertThatEvents()
        .haveExactly(
            1,
            failedWith(
                "exchange:6", "\"notifications[2].params.progress\" expected: <4> but was: <3>"));
  }

  @Test
  void unexpectedServerRequestFailsTheExchangeShowingIt(@TempDir Path folder) throws IOException {
    Path tape = copy(EVERYTHING, folder, "\"serverRequests\"", "\"ignoredRequests\"");
    Files.writeString(tape, Files.readString(tape).replace("\"ignoredRequests\"", "\"x-ignored\""));
    EngineExecutionResults results =
        execute(everything("cassette.timeout", "6s"), selectFile(tape.toFile()));
    assertThat(results.allEvents().filter(e -> e.getType().name().equals("FINISHED")).count())
        .isPositive();
    results
        .testEvents()
        .assertThatEvents()
        .haveAtLeastOne(
            event(
                finishedWithFailure(
                    message(
                        m ->
                            m.contains("the server sent a request the tape holds no answer for:")
                                && m.contains("roots/list")))));
  }

  @Test
  void embeddedWassetteHostIsTheServerWhenNoneIsNamed() {
    Events tests =
        execute(
                Map.of("cassette.record", "none"),
                selectFile(FIXTURES.resolve("tapes/nested/echo.tape.json").toFile()))
            .testEvents();
    tests
        .assertThatEvents()
        .haveExactly(
            1,
            failedWith(
                "exchange:1",
                "\"result.serverInfo.name\" expected: <\"mcp-servers/everything\"> but was: <"));
  }

  @Test
  void exchangeSelectedAloneReplaysEarlierOnesFirst() {
    Events tests =
        execute(
                everything(),
                selectFile(
                    EVERYTHING.toFile(),
                    org.junit.platform.engine.discovery.FilePosition.from(565)))
            .testEvents();
    tests.assertStatistics(stats -> stats.started(1).succeeded(1));
    tests.assertThatEvents().haveExactly(1, event(test("exchange:5"), finishedSuccessfully()));
  }

  @Test
  void brokenTapeFailsAloneWhileTheOthersPass() {
    Path broken = FIXTURES.resolve("broken/not-json.tape.json");
    Events tests =
        execute(
                everything(),
                selectFile(broken.toFile()),
                selectFile(FIXTURES.resolve("tapes/nested/echo.tape.json").toFile()))
            .testEvents();
    tests.assertStatistics(stats -> stats.started(4).succeeded(3).failed(1));
    tests
        .assertThatEvents()
        .haveExactly(
            1,
            failedWith("not-json.tape.json", m -> m.startsWith(broken + ":9:3: not valid JSON")));
  }

  static final Path DYNAMIC = FIXTURES.resolve("volatile/dynamic.tape.json");
  static final String RECORDED_TIME =
      "\"Resource 1: This is a plaintext resource created at 0:00:00 AM\"";

  @Test
  void volatileResourceFailsAsRecorded() {
    Events tests = execute(everything(), selectFile(DYNAMIC.toFile())).testEvents();
    tests
        .assertThatEvents()
        .haveExactly(
            1,
            failedWith(
                "exchange:3",
                "\"result.contents[0].text\" expected: <"
                    + RECORDED_TIME
                    + "> but was: <\"Resource 1: This is a plaintext resource created at "));
  }

  @Test
  void placeholderMakesTheVolatileResourcePass(@TempDir Path folder) throws IOException {
    Path tape =
        copy(
            DYNAMIC,
            folder,
            RECORDED_TIME,
            "\"${json-unit.regex}^Resource 1: This is a plaintext resource created at"
                + " \\\\d{1,2}:\\\\d{2}:\\\\d{2}\\\\s?[AP]M$\"");
    execute(everything(), selectFile(tape.toFile()))
        .testEvents()
        .assertStatistics(stats -> stats.started(3).succeeded(3));
  }

  @Test
  void exchangeMatchBlockIgnoringThePathMakesTheVolatileResourcePass(@TempDir Path folder)
      throws IOException {
    Path tape = copy(DYNAMIC, folder, "\"resources/read\"", "\"resources/read\"");
    String text = Files.readString(tape);
    int last = text.lastIndexOf("\"elapsedMillis\"");
    text =
        text.substring(0, last)
            + "\"match\": {\"ignorePaths\": [\"$.result.contents[0].text\"]},\n"
            + text.substring(last);
    Files.writeString(tape, text);
    execute(everything(), selectFile(tape.toFile()))
        .testEvents()
        .assertStatistics(stats -> stats.started(3).succeeded(3));
  }
}
