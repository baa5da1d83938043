package dev.cassette.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cassette.proxy.jsonrpc.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class VerifyCommandTests {

  static final Path FIXTURES = Path.of("src/test/resources/dev/cassette/cli");

  static String everything() {
    return "node " + RecorderProcess.serverEverything() + " stdio";
  }

  record Run(int exitCode, String out, String err) {}

  static Run verify(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        new CommandLine(new VerifyCommand())
            .setOut(new PrintWriter(out))
            .setErr(new PrintWriter(err))
            .execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  /** Replays the tapes against server-everything without recording, reports into a folder. */
  static Run replay(Path tapes, Path reports) {
    return verify(
        tapes.toString(),
        "--server",
        everything(),
        "--record",
        "none",
        "--reports-dir",
        reports.toString());
  }

  static Path tapes(Path folder, String... replacements) throws IOException {
    Path tapes = Files.createDirectories(folder.resolve("tapes"));
    String text = Files.readString(FIXTURES.resolve("tapes/echo.tape.json"));
    for (int i = 0; i < replacements.length; i += 2) {
      text = text.replace(replacements[i], replacements[i + 1]);
    }
    Files.writeString(tapes.resolve("echo.tape.json"), text);
    return tapes;
  }

  static List<String> reportFiles(Path reports) throws IOException {
    try (Stream<Path> files = Files.list(reports)) {
      return new ArrayList<>(files.map(p -> p.getFileName().toString()).toList());
    }
  }

  @Test
  void passingTapesExitZeroWithSummaryAndJunitXml(@TempDir Path folder) throws IOException {
    Path tapes = tapes(folder);
    Path reports = folder.resolve("reports");
    Run run = replay(tapes, reports);
    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    assertThat(run.out())
        .containsPattern("1 tapes, 3 exchanges: 3 passed, 0 failed, 0 skipped in [0-9.]+ s");
    assertThat(reportFiles(reports))
        .containsExactly("TEST-junit-jupiter.xml".replace("junit-jupiter", "cassette"));
    String xml = Files.readString(reports.resolve("TEST-cassette.xml"));
    assertThat(xml)
        .contains("tests=\"3\"")
        .contains("failures=\"0\"")
        .contains("name=\"tools/call echo (#3)\"");
  }

  @Test
  void changedResponseExitsOneAndPrintsTheDiff(@TempDir Path folder) throws IOException {
    Path tapes = tapes(folder, "\"Echo: hello\"", "\"Echo: bye\"");
    Run run = replay(tapes, folder.resolve("reports"));
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out())
        .contains("FAILED tools/call echo (#3)")
        .contains("\"result.content[0].text\" expected: <\"Echo: bye\"> but was: <\"Echo: hello\">")
        .contains("1 tapes, 3 exchanges: 2 passed, 1 failed, 0 skipped");
  }

  @Test
  void tagsFilterTapes(@TempDir Path folder) throws IOException {
    Path tapes = tapes(folder);
    Run run =
        verify(
            tapes.toString(),
            "--server",
            everything(),
            "--include-tag",
            "nightly",
            "--reports-dir",
            folder.resolve("reports").toString());
    assertThat(run.out()).contains("0 tapes, 0 exchanges");
    assertThat(run.exitCode()).isEqualTo(1);
  }

  @Test
  void brokenTapeFailsAloneAndTheOthersStillRun(@TempDir Path folder) throws IOException {
    Path tapes = tapes(folder);
    Files.copy(FIXTURES.resolve("not-json.tape.json"), tapes.resolve("not-json.tape.json"));
    Run run = replay(tapes, folder.resolve("reports"));
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out() + run.err()).contains("not-json.tape.json:9:3: not valid JSON");
    assertThat(run.out()).contains("3 passed");
  }

  @Test
  void missingPathIsAUsageError(@TempDir Path folder) {
    Run run = verify(folder.resolve("nope").toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains("cassette verify: no such tape or folder: " + folder.resolve("nope"));
  }

  /** Runs {@code verify} with {@code cassette.ci=true}, as on CI, whatever this machine's CI is. */
  static Run onCi(Supplier<Run> verify) {
    String before = System.getProperty("cassette.ci");
    System.setProperty("cassette.ci", "true");
    try {
      return verify.get();
    } finally {
      if (before == null) {
        System.clearProperty("cassette.ci");
      } else {
        System.setProperty("cassette.ci", before);
      }
    }
  }

  /** The echo tape with a server block holding {@code command}. */
  static Path tapeWithCommand(Path folder, String... command) throws IOException {
    return tapes(
        folder,
        "\"cassette\": 1,",
        "\"cassette\": 1, \"server\": {\"transport\": \"stdio\", \"command\": "
            + Json.mapper().writeValueAsString(List.of(command))
            + "},");
  }

  @Test
  void onCiATapesOwnCommandIsNotRunAndTheFailureSaysHowToAllowIt(@TempDir Path folder)
      throws IOException {
    Path marker = folder.resolve("started");
    Path tapes = tapeWithCommand(folder, "sh", "-c", "touch \"$0\"", marker.toString());
    Run run =
        onCi(
            () ->
                verify(
                    tapes.toString(),
                    "--record",
                    "none",
                    "--reports-dir",
                    folder.resolve("reports").toString()));
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out())
        .contains(
            "the tape's server command `sh -c 'touch \"$0\"' "
                + marker
                + "` is not run on CI (cassette.ci=true)")
        .contains("(cassette verify --allow-command sh)")
        .contains("1 tapes, 3 exchanges: 0 passed, 1 failed, 2 skipped");
    assertThat(marker).doesNotExist();
  }

  @Test
  void allowCommandLetsATapesOwnCommandRunOnCi(@TempDir Path folder) throws IOException {
    Path tapes = tapeWithCommand(folder, "node", RecorderProcess.serverEverything(), "stdio");
    Run run =
        onCi(
            () ->
                verify(
                    tapes.toString(),
                    "--allow-command",
                    "python3",
                    "--allow-command",
                    "node",
                    "--record",
                    "none",
                    "--reports-dir",
                    folder.resolve("reports").toString()));
    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    assertThat(run.out()).contains("1 tapes, 3 exchanges: 3 passed, 0 failed, 0 skipped");
  }

  @Test
  void anAllowedCommandWithACommaIsAUsageError(@TempDir Path folder) throws IOException {
    Run run = verify(tapes(folder).toString(), "--allow-command", "node,sh");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains(
            "cassette verify: --allow-command cannot hold a comma (give one command each time):"
                + " node,sh");
  }

  @Test
  void aMisspeltRecordModeIsAUsageErrorNamingTheValidModes(@TempDir Path folder)
      throws IOException {
    Run run = verify(tapes(folder).toString(), "--record", "al");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains("--record")
        .contains("'al' is no record mode: expected one of none, new, all, failing");
    assertThat(run.out()).doesNotContain("tapes,");
  }

  @Test
  void aBadTimeoutIsAUsageErrorNamingTheValidForms(@TempDir Path folder) throws IOException {
    Run run = verify(tapes(folder).toString(), "--timeout", "soon");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains("--timeout")
        .contains(
            "'soon' is no duration: expected a positive duration: 10s, 500ms, 2m, 1h or ISO-8601"
                + " PT10S");
  }

  @Test
  void anUnknownCassetteKeyIsAUsageErrorThatSuggestsTheNearestKey(@TempDir Path folder)
      throws IOException {
    Run run =
        verify(
            tapes(folder).toString(),
            "-D",
            "cassette.recrod=all",
            "--reports-dir",
            folder.resolve("reports").toString());
    assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(2);
    assertThat(run.err())
        .contains(
            "cassette verify: unknown configuration parameter cassette.recrod: did you mean"
                + " cassette.record?");
    assertThat(run.out()).doesNotContain("tapes,");
  }

  @Test
  void aBadValueOfAKeyIsAUsageErrorNamingTheKeyTheValueAndTheValidValues(@TempDir Path folder)
      throws IOException {
    Run run =
        verify(
            tapes(folder).toString(),
            "-Dcassette.match.strict=maybe",
            "--reports-dir",
            folder.resolve("reports").toString());
    assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(2);
    assertThat(run.err())
        .contains(
            "cassette verify: configuration parameter cassette.match.strict has invalid value"
                + " \"maybe\" (expected true or false)");
  }

  @Test
  void aFolderWithoutTapesSaysWhatItLookedFor(@TempDir Path folder) throws IOException {
    Path empty = Files.createDirectories(folder.resolve("empty"));
    Files.writeString(empty.resolve("notes.json"), "{}");
    Run run = verify(empty.toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains("cassette verify: no tapes found under " + empty + " (looked for *.tape.json)");
  }

  @Test
  void aNamedFileThatIsNotATapeSaysWhy(@TempDir Path folder) throws IOException {
    Path notATape = Files.writeString(folder.resolve("echo.json"), "{}");
    Run run = verify(notATape.toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains(
            "cassette verify: " + notATape + " is not a tape: a tape file name ends in .tape.json");
  }

  @Test
  void reRecordingPrintsEachTapeItRewrote(@TempDir Path folder) throws IOException {
    Path tapes = tapes(folder, "\"Echo: hello\"", "\"Echo: bye\"");
    Run run =
        verify(
            tapes.toString(),
            "--server",
            everything(),
            "--record",
            "failing",
            "--reports-dir",
            folder.resolve("reports").toString());
    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    assertThat(run.out())
        .contains("re-recorded " + tapes.resolve("echo.tape.json") + " (1 exchange changed)");
    assertThat(Files.readString(tapes.resolve("echo.tape.json"))).contains("Echo: hello");
  }
}
