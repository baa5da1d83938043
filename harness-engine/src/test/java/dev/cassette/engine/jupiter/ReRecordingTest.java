package dev.cassette.engine.jupiter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cassette.engine.jupiter.fixtures.CalculatorFixture;
import dev.cassette.engine.jupiter.fixtures.CalculatorSdkFixture;
import dev.cassette.proxy.tape.Tape;
import dev.cassette.proxy.tape.TapeCodec;
import dev.cassette.proxy.transport.TestPeers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.Events;

/** {@code -Dcassette.record=all} over an existing tape keeps what did not change. */
class ReRecordingTest {

  @TempDir Path tapes;
  @TempDir Path components;

  private Path tape() {
    return tapes.resolve("calculator/add.tape.json");
  }

  @BeforeEach
  void copyTheCalculator() throws Exception {
    Path source = TestPeers.repository().resolve("components");
    Files.copy(source.resolve("calculator.wasm"), components.resolve("calculator.wasm"));
    Files.copy(
        source.resolve("calculator.policy.yaml"), components.resolve("calculator.policy.yaml"));
  }

  private Events run(String mode) {
    return run(CalculatorFixture.class, mode);
  }

  private Events run(Class<?> fixture, String mode) {
    return TestKit.run(
        fixture,
        tapes,
        Map.of(
            CassetteExtension.RECORD_PROPERTY_NAME,
            mode,
            CalculatorFixture.COMPONENTS,
            components.toString()));
  }

  /**
   * Replaces each match of a regular expression in the tape, as a recording made at another time
   * (or a changed server) shows.
   */
  private void edit(String from, String to) throws Exception {
    edit(tape(), from, to);
  }

  private static void edit(Path tape, String from, String to) throws Exception {
    String text = Files.readString(tape);
    assertThat(text).containsPattern(from);
    Files.writeString(
        tape, text.replaceAll(from, Matcher.quoteReplacement(to)), StandardCharsets.UTF_8);
  }

  private static List<String> tapeReports(Events events) {
    return events.reportingEntryPublished().stream()
        .map(e -> e.getRequiredPayload(ReportEntry.class).getKeyValuePairs().get("cassette.tape"))
        .toList();
  }

  @Test
  void recordModeAllKeepsAnUnchangedTapeByteForByte() throws Exception {
    run("new").assertStatistics(stats -> stats.succeeded(1).failed(0));
    // as recorded on another day, with other timings: nothing the server says differs
    edit("\"at\": \"[^\"]+\"", "\"at\": \"2020-01-01T00:00:00Z\"");
    edit("\"elapsedMillis\": \\d+", "\"elapsedMillis\": 4321");
    byte[] before = Files.readAllBytes(tape());

    Events events = run("all");

    events.assertStatistics(stats -> stats.succeeded(1).failed(0));
    assertThat(Files.readAllBytes(tape())).isEqualTo(before);
    assertThat(tapeReports(events))
        .singleElement()
        .asString()
        .startsWith("kept as it was")
        .endsWith("calculator/add.tape.json");
  }

  @Test
  void recordModeAllReplacesOnlyWhatChangedAndKeepsTheRestAsItWas() throws Exception {
    run("new").assertStatistics(stats -> stats.succeeded(1).failed(0));
    edit("\"elapsedMillis\": \\d+", "\"elapsedMillis\": 4321");
    edit("\"ok\": 42\\.0", "\"ok\": 41.0");
    edit(
        "\"exchanges\"",
        "\"match\": { \"ignorePaths\": [ \"$.result.instructions\" ] },\n  \"exchanges\"");

    Events events = run("all");

    events.assertStatistics(stats -> stats.succeeded(1).failed(0));
    Tape rewritten = TapeCodec.read(tape());
    assertThat(rewritten.match().toString()).contains("$.result.instructions");
    assertThat(rewritten.exchanges())
        .extracting(e -> e.elapsedMillis())
        .containsExactly(4321L, -1L, 4321L);
    assertThat(
            rewritten
                .exchanges()
                .get(2)
                .response()
                .at("/result/structuredContent/result/ok")
                .asInt())
        .isEqualTo(42);
    assertThat(tapeReports(events))
        .singleElement()
        .asString()
        .contains("kept 2 exchanges")
        .contains("updated 1");
  }

  @Test
  void anSdkClientsTapeIsKeptByteForByteThoughItsRequestIdsAreNewEveryRun() throws Exception {
    Path sdkTape = tapes.resolve("calculator/add-sdk.tape.json");
    run(CalculatorSdkFixture.class, "new").assertStatistics(stats -> stats.succeeded(1));
    edit(sdkTape, "\"at\": \"[^\"]+\"", "\"at\": \"2020-01-01T00:00:00Z\"");
    byte[] before = Files.readAllBytes(sdkTape);

    run(CalculatorSdkFixture.class, "all").assertStatistics(stats -> stats.succeeded(1));

    assertThat(Files.readAllBytes(sdkTape)).isEqualTo(before);
  }
}
