package dev.cassette.engine.record;

import static dev.cassette.engine.EngineTests.FIXTURES;
import static dev.cassette.engine.EngineTests.everythingCommand;
import static dev.cassette.engine.EngineTests.execute;
import static dev.cassette.engine.EngineTests.failedWith;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectFile;

import dev.cassette.proxy.tape.Tape;
import dev.cassette.proxy.tape.TapeCodec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EventType;

/** Record modes against server-everything: re-recording keeps hand edits, obsolete tools. */
class RecordModeTests {

  static final Path EVERYTHING = FIXTURES.resolve("tapes/everything.tape.json");

  static Map<String, String> mode(String mode) {
    return Map.of("cassette.server.command", everythingCommand(), "cassette.record", mode);
  }

  /** The fixture, written canonically by the codec, with some text replaced. */
  static Path canonicalCopy(Path folder, String from, String to) throws Exception {
    Tape tape = TapeCodec.read(EVERYTHING);
    String text = TapeCodec.toJson(tape);
    assertThat(text).contains(from);
    Path target = folder.resolve("everything.tape.json");
    Files.writeString(target, text.replace(from, to), StandardCharsets.UTF_8);
    return target;
  }

  static String entries(EngineExecutionResults results, String key) {
    return results.allEvents().stream()
        .filter(e -> e.getType() == EventType.REPORTING_ENTRY_PUBLISHED)
        .map(e -> e.getPayload(ReportEntry.class).orElseThrow().getKeyValuePairs().get(key))
        .filter(v -> v != null)
        .reduce("", (a, b) -> a + b + "\n");
  }

  @Test
  void failingReRecordsChangedValuesAndKeepsMatchBlocksAndPlaceholders(@TempDir Path folder)
      throws Exception {
    Path tape = canonicalCopy(folder, "\"Echo: hello\"", "\"Echo: hullo\"");
    String edited =
        Files.readString(tape)
            .replace("\"The sum of 2 and 3 is 5.\"", "\"${json-unit.regex}The sum of .*\"")
            .replace(
                "      \"elapsedMillis\": " + elapsedOf(tape, 5) + "\n",
                "      \"elapsedMillis\": "
                    + elapsedOf(tape, 5)
                    + ",\n      \"match\": {\n        \"ignorePaths\": [\"$.result._meta\"]\n      }\n");
    Files.writeString(tape, edited);
    assertThat(edited).contains("\"match\": {");

    EngineExecutionResults results = execute(mode("failing"), selectFile(tape.toFile()));
    results.testEvents().assertStatistics(stats -> stats.started(7).succeeded(7));
    assertThat(entries(results, "cassette.rerecorded")).contains("1 difference(s) written to");

    String after = Files.readString(tape);
    assertThat(after).contains("\"Echo: hello\"").doesNotContain("hullo");
    assertThat(after).contains("\"${json-unit.regex}The sum of .*\"");
    assertThat(after).contains("\"ignorePaths\": [");
    assertThat(TapeCodec.read(tape).exchanges().get(4).match()).isNotNull();

    EngineExecutionResults again = execute(mode("none"), selectFile(tape.toFile()));
    again.testEvents().assertStatistics(stats -> stats.started(7).succeeded(7));
  }

  @Test
  void allLeavesAnUnchangedTapeByteForByte(@TempDir Path folder) throws Exception {
    Path tape = canonicalCopy(folder, "\"Echo: hello\"", "\"Echo: hello\"");
    byte[] before = Files.readAllBytes(tape);
    EngineExecutionResults results = execute(mode("all"), selectFile(tape.toFile()));
    results.testEvents().assertStatistics(stats -> stats.started(7).succeeded(7));
    assertThat(Files.readAllBytes(tape)).isEqualTo(before);
  }

  @Test
  void noneFailsAndLeavesTheTapeAlone(@TempDir Path folder) throws Exception {
    Path tape = canonicalCopy(folder, "\"Echo: hello\"", "\"Echo: hullo\"");
    byte[] before = Files.readAllBytes(tape);
    EngineExecutionResults results = execute(mode("none"), selectFile(tape.toFile()));
    results.testEvents().assertStatistics(stats -> stats.started(7).succeeded(6).failed(1));
    assertThat(entries(results, "cassette.actual"))
        .isEqualTo(
            "{\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"Echo: hello\"}]},"
                + "\"jsonrpc\":\"2.0\",\"id\":3}\n");
    assertThat(entries(results, "cassette.matchers")).startsWith("ignorePaths=[id], ");
    assertThat(Files.readAllBytes(tape)).isEqualTo(before);
  }

  @Test
  void toolsTheServerNoLongerListsAreReportedByName(@TempDir Path folder) throws Exception {
    Path tape = canonicalCopy(folder, "\"name\": \"get-sum\"", "\"name\": \"retired-sum\"");
    EngineExecutionResults results = execute(mode("none"), selectFile(tape.toFile()));
    results
        .testEvents()
        .assertThatEvents()
        .haveExactly(
            1,
            failedWith(
                "exchange:5", "obsolete: the server no longer lists the tool \"retired-sum\""));
    assertThat(entries(results, "cassette.obsolete"))
        .isEqualTo("tools the server no longer lists: retired-sum\n");
  }

  @Test
  void aToolTheTapeNeverListedIsMatchedNotReportedObsolete(@TempDir Path folder) throws Exception {
    String text = Files.readString(EVERYTHING, StandardCharsets.UTF_8);
    String call = "\"name\": \"get-sum\",\n          \"arguments\"";
    String answer = "\"text\": \"The sum of 2 and 3 is 5.\"\n            }\n          ]";
    assertThat(text).contains(call).contains(answer);
    Path tape = folder.resolve("everything.tape.json");
    Files.writeString(
        tape,
        text.replace(call, "\"name\": \"no-such-tool\",\n          \"arguments\"")
            .replace(
                answer,
                "\"text\": \"MCP error -32602: Tool no-such-tool not found\"\n"
                    + "            }\n          ],\n          \"isError\": true"),
        StandardCharsets.UTF_8);
    EngineExecutionResults results = execute(mode("none"), selectFile(tape.toFile()));
    results.testEvents().assertStatistics(stats -> stats.started(7).succeeded(7).failed(0));
    assertThat(entries(results, "cassette.obsolete")).isEmpty();
  }

  static long elapsedOf(Path tape, int number) throws Exception {
    return TapeCodec.read(tape).exchanges().get(number - 1).elapsedMillis();
  }
}
