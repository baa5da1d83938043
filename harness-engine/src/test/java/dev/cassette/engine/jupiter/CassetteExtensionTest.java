package dev.cassette.engine.jupiter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cassette.engine.jupiter.fixtures.CommandSecretFixture;
import dev.cassette.engine.jupiter.fixtures.EchoFixture;
import dev.cassette.engine.jupiter.fixtures.EchoMoreFixture;
import dev.cassette.engine.jupiter.fixtures.OfflineFixture;
import dev.cassette.engine.jupiter.fixtures.OfflineParamsFixture;
import dev.cassette.engine.jupiter.fixtures.SdkFixture;
import dev.cassette.engine.jupiter.fixtures.SecretFixture;
import dev.cassette.engine.jupiter.fixtures.TapeCommandFixture;
import dev.cassette.engine.jupiter.fixtures.TemplatesFixture;
import dev.cassette.proxy.tape.Tape;
import dev.cassette.proxy.tape.TapeCodec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.Events;

class CassetteExtensionTest {

  @TempDir Path tapes;

  private Path echoTape() {
    return tapes.resolve("echo/hello.tape.json");
  }

  private Events run(Class<?> fixture, String... settings) {
    Map<String, String> map = new java.util.LinkedHashMap<>();
    for (int i = 0; i < settings.length; i += 2) {
      map.put(settings[i], settings[i + 1]);
    }
    return TestKit.run(fixture, tapes, map);
  }

  /** Asserts that the one test passed, showing why it failed otherwise. */
  private static void assertPassed(Events events) {
    assertThat(
            events.failed().stream()
                .map(event -> event.getPayload(TestExecutionResult.class))
                .flatMap(java.util.Optional::stream)
                .map(result -> String.valueOf(result.getThrowable().orElse(null)))
                .toList())
        .as("failures")
        .isEmpty();
    events.assertStatistics(stats -> stats.succeeded(1).failed(0));
  }

  /** Replaces text in the tape, as a changed server output would show. */
  private void edit(Path tape, String from, String to) throws Exception {
    String text = Files.readString(tape);
    assertThat(text).contains(from);
    Files.writeString(tape, text.replace(from, to), StandardCharsets.UTF_8);
  }

  @Nested
  class RecordAndVerify {

    @Test
    void recordsAMissingTapeThenVerifiesAgainstIt() throws Exception {
      run(EchoFixture.class).assertStatistics(stats -> stats.succeeded(1).failed(0));

      Tape tape = TapeCodec.read(echoTape());
      assertThat(tape.exchanges())
          .extracting(e -> e.method())
          .containsExactly("initialize", "notifications/initialized", "tools/call");
      assertThat(tape.server().command()).last().isEqualTo("stdio");
      assertThat(tape.server().serverInfo().path("name").asString()).contains("everything");
      byte[] recorded = Files.readAllBytes(echoTape());

      run(EchoFixture.class).assertStatistics(stats -> stats.succeeded(1).failed(0));
      assertThat(Files.readAllBytes(echoTape()))
          .as("new mode leaves an existing tape alone")
          .isEqualTo(recorded);
    }

    @Test
    void aChangedServerOutputFailsWithTheJsonPathOfTheDifference() throws Exception {
      run(EchoFixture.class).assertStatistics(stats -> stats.succeeded(1));
      edit(echoTape(), "Echo: hello", "Echo: goodbye");

      Events events = run(EchoFixture.class);

      events.assertStatistics(stats -> stats.failed(1));
      assertThat(TestKit.failureMessages(events))
          .singleElement()
          .asString()
          .contains("Tape echo/hello.tape.json does not match the live server")
          .contains("exchange #3 tools/call")
          .contains(
              "\"result.content[0].text\" expected: <\"Echo: goodbye\"> but was: <\"Echo: hello\">")
          .contains("-Dcassette.record=all");
    }

    @Test
    void aRequestTheTapeDoesNotHoldFailsNamingItAndWhereTheTapeDiverges() throws Exception {
      run(EchoFixture.class).assertStatistics(stats -> stats.succeeded(1));

      Events events = run(EchoMoreFixture.class);

      events.assertStatistics(stats -> stats.failed(1));
      assertThat(TestKit.failureMessages(events))
          .singleElement()
          .asString()
          .contains(
              "the test sent a request the tape does not hold: tools/call {\"name\":\"get-sum\"")
          .contains("every exchange of echo/hello.tape.json was already used")
          .contains("the nearest recorded request is exchange #3 (tape line")
          .contains("\"params.name\" expected: <\"echo\"> but was: <\"get-sum\">");
    }

    @Test
    void recordModeAllReRecordsAndFailingReRecordsOnlyOnAMismatch() throws Exception {
      run(EchoFixture.class).assertStatistics(stats -> stats.succeeded(1));
      edit(echoTape(), "Echo: hello", "Echo: stale");

      run(EchoFixture.class, CassetteExtension.RECORD_PROPERTY_NAME, "failing")
          .assertStatistics(stats -> stats.succeeded(1));
      assertThat(Files.readString(echoTape())).contains("Echo: hello").doesNotContain("stale");

      edit(echoTape(), "Echo: hello", "Echo: stale");
      run(EchoFixture.class, CassetteExtension.RECORD_PROPERTY_NAME, "all")
          .assertStatistics(stats -> stats.succeeded(1));
      assertThat(Files.readString(echoTape())).contains("Echo: hello");
    }

    @Test
    void keepsTheHandWrittenMatchBlockWhenReRecording() throws Exception {
      run(EchoFixture.class).assertStatistics(stats -> stats.succeeded(1));
      edit(
          echoTape(),
          "\"exchanges\"",
          "\"match\" : { \"ignorePaths\" : [ \"$.result.serverInfo\" ] },\n  \"exchanges\"");
      edit(echoTape(), "Echo: hello", "Echo: ignored?");

      run(EchoFixture.class, CassetteExtension.RECORD_PROPERTY_NAME, "all")
          .assertStatistics(stats -> stats.succeeded(1));

      assertThat(TapeCodec.read(echoTape()).match().toString()).contains("$.result.serverInfo");
    }
  }

  @Test
  void worksUnderParallelExecution() throws Exception {
    Events events =
        run(
            TemplatesFixture.class,
            "junit.jupiter.execution.parallel.enabled",
            "true",
            "junit.jupiter.execution.parallel.mode.default",
            "concurrent",
            "junit.jupiter.execution.parallel.config.strategy",
            "fixed",
            "junit.jupiter.execution.parallel.config.fixed.parallelism",
            "4");

    events.assertStatistics(stats -> stats.succeeded(4).failed(0));
    assertThat(Files.readString(tapes.resolve("echo/param-1.tape.json"))).contains("Echo: one");
    assertThat(Files.readString(tapes.resolve("echo/param-2.tape.json"))).contains("Echo: two");
  }

  @Test
  void secretsOfTheServersEnvironmentNeverReachTheTapeAndVerifyStillPasses() throws Exception {
    run(SecretFixture.class).assertStatistics(stats -> stats.succeeded(1));

    String tape = Files.readString(tapes.resolve("secret/echo.tape.json"));
    assertThat(tape)
        .doesNotContain(SecretFixture.SECRET)
        .contains("${secret:CASSETTE_FIXTURE_TOKEN}")
        .contains("\"CASSETTE_FIXTURE_TOKEN\"");
    run(SecretFixture.class).assertStatistics(stats -> stats.succeeded(1).failed(0));
    run(SecretFixture.class, CassetteExtension.OFFLINE_PROPERTY_NAME, "true")
        .assertStatistics(stats -> stats.succeeded(1).failed(0));
  }

  @Test
  void aSecretOnTheServersCommandLineNeverReachesTheTapeAndVerifyStillPasses() throws Exception {
    run(CommandSecretFixture.class).assertStatistics(stats -> stats.succeeded(1));

    String tape = Files.readString(tapes.resolve("secret/command.tape.json"));
    assertThat(tape)
        .doesNotContain(CommandSecretFixture.KEY)
        .contains("--api-key=${secret:API_KEY}");
    run(CommandSecretFixture.class).assertStatistics(stats -> stats.succeeded(1).failed(0));
  }

  @Nested
  class OnCi {

    @Test
    void nothingIsRecordedAndAMissingTapeFails() {
      Events events =
          run(
              EchoFixture.class,
              CassetteExtension.CI_PROPERTY_NAME,
              "true",
              CassetteExtension.RECORD_PROPERTY_NAME,
              "");

      events.assertStatistics(stats -> stats.failed(1));
      assertThat(TestKit.failureMessages(events))
          .singleElement()
          .asString()
          .contains(
              "echo/hello.tape.json does not exist and record mode is none (the default when CI is set)");
      assertThat(echoTape()).doesNotExist();
    }

    @Test
    void aBadCiValueFailsTheTestNamingKeyValueAndValidValuesAsInTheEngine() {
      Events events = run(EchoFixture.class, CassetteExtension.CI_PROPERTY_NAME, "yes");

      events.assertStatistics(stats -> stats.failed(1));
      assertThat(TestKit.failureMessages(events))
          .singleElement()
          .asString()
          .contains(
              "configuration parameter cassette.ci has invalid value \"yes\" (expected true or"
                  + " false)");
      assertThat(echoTape()).doesNotExist();
    }

    @Test
    void aTapesOwnServerCommandRunsOnlyWhenAllowedAsInTheEngine() throws Exception {
      Path marker = tapes.resolve("started");
      Path tape = Files.createDirectories(tapes.resolve("own")).resolve("command.tape.json");
      Files.writeString(
          tape,
          """
          {"cassette": 1, "name": "command",
           "server": {"transport": "stdio", "command": ["sh", "-c", "touch \\"$0\\"", "%s"]},
           "exchanges": [{"client": {"jsonrpc": "2.0", "id": 1, "method": "ping"},
                          "response": {"jsonrpc": "2.0", "id": 1, "result": {}}}]}
          """
              .formatted(marker.toString().replace("\\", "\\\\")));

      Events events =
          run(
              TapeCommandFixture.class,
              CassetteExtension.CI_PROPERTY_NAME,
              "true",
              CassetteExtension.RECORD_PROPERTY_NAME,
              "none");

      events.assertStatistics(stats -> stats.failed(1));
      assertThat(TestKit.failureMessages(events))
          .singleElement()
          .asString()
          .contains("the tape's server command `sh -c 'touch \"$0\"' " + marker)
          .contains("is not run on CI (cassette.ci=true)")
          .contains("or name the server yourself with @Server on the test");
      assertThat(marker).doesNotExist();
    }
  }

  @Nested
  class Offline {

    @Test
    void theTapeServesTheTestWithNoServerProcess() {
      run(EchoFixture.class).assertStatistics(stats -> stats.succeeded(1));

      Events events = run(OfflineFixture.class);

      events.assertStatistics(stats -> stats.succeeded(1).failed(1));
      assertThat(TestKit.failureMessages(events))
          .singleElement()
          .asString()
          .contains("the tape holds no response for tools/call")
          .contains("nearest is exchange #3 at line")
          .contains("\"params.arguments.message\" expected: <\"hello\"> but was: <\"bye\">");
    }

    private void handWritten(String name, String... clients) throws Exception {
      StringBuilder exchanges = new StringBuilder();
      for (int i = 0; i < clients.length; i++) {
        exchanges
            .append(i == 0 ? "" : ",\n")
            .append("    {\"client\": ")
            .append(clients[i])
            .append(",\n     \"response\": {\"jsonrpc\": \"2.0\", \"id\": ")
            .append(i + 1)
            .append(", \"result\": {\"tools\": []}}}");
      }
      Path tape = tapes.resolve("params/" + name + ".tape.json");
      Files.createDirectories(tape.getParent());
      Files.writeString(
          tape,
          "{\"cassette\": 1, \"name\": \""
              + name
              + "\",\n  \"exchanges\": [\n"
              + exchanges
              + "\n  ]\n}\n");
    }

    private Events runOfflineParamsFixture() throws Exception {
      handWritten(
          "empty", "{\"jsonrpc\": \"2.0\", \"id\": 1, \"method\": \"tools/list\", \"params\": {}}");
      handWritten("absent", "{\"jsonrpc\": \"2.0\", \"id\": 1, \"method\": \"tools/list\"}");
      handWritten(
          "two",
          "{\"jsonrpc\": \"2.0\", \"id\": 1, \"method\": \"tools/list\"}",
          "{\"jsonrpc\": \"2.0\", \"id\": 2, \"method\": \"prompts/list\"}");
      return run(OfflineParamsFixture.class);
    }

    @Test
    void emptyAndAbsentParamsAreTheSameRequest() throws Exception {
      Events events = runOfflineParamsFixture();

      assertThat(events.succeeded().stream())
          .extracting(event -> event.getTestDescriptor().getDisplayName())
          .anyMatch(name -> name.startsWith("aTapeWithEmptyParamsServesAClientThatSendsNone("))
          .anyMatch(name -> name.startsWith("aTapeWithoutParamsServesAClientThatSendsEmptyOnes("));
    }

    @Test
    void aRecordedExchangeTheTestNeverSentFailsTheTest() throws Exception {
      Events events = runOfflineParamsFixture();

      assertThat(TestKit.failureMessages(events))
          .singleElement()
          .asString()
          .contains("Tape params/two.tape.json (offline):")
          .contains("the test never sent exchange #2 prompts/list (tape line 5)");
    }

    @Test
    void theOfficialSdkClientRecordsVerifiesAndReplaysOffline() throws Exception {
      run(SdkFixture.class).assertStatistics(stats -> stats.succeeded(1));
      assertThat(tapes.resolve("sdk/echo.tape.json")).exists();

      assertPassed(run(SdkFixture.class));
      run(SdkFixture.class, CassetteExtension.OFFLINE_PROPERTY_NAME, "true")
          .assertStatistics(stats -> stats.succeeded(1).failed(0));
    }
  }

  @Test
  void parameterizedInvocationsAndNestedClassesGetTapesOfTheirOwn() throws Exception {
    Events events = run(TemplatesFixture.class);

    events.assertStatistics(stats -> stats.succeeded(4).failed(0));
    try (var files = Files.walk(tapes)) {
      assertThat(
              files
                  .filter(Files::isRegularFile)
                  .map(p -> tapes.relativize(p).toString().replace('\\', '/')))
          .containsExactlyInAnyOrder(
              "echo/param-1.tape.json",
              "echo/param-2.tape.json",
              "echo/city_Oslo.tape.json",
              "TemplatesFixture.Inner/inNested.tape.json");
    }
    assertThat(Files.readString(tapes.resolve("echo/param-2.tape.json"))).contains("Echo: two");
    run(TemplatesFixture.class).assertStatistics(stats -> stats.succeeded(4).failed(0));
  }
}
