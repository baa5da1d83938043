package dev.cassette.engine.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectFile;

import dev.cassette.annotations.Server;
import dev.cassette.engine.EngineTests;
import dev.cassette.engine.config.CassetteConfiguration;
import dev.cassette.engine.config.MapConfigurationParameters;
import dev.cassette.engine.match.MatchLayer;
import dev.cassette.proxy.jsonrpc.Json;
import dev.cassette.proxy.tape.ServerSpec;
import dev.cassette.proxy.tape.Tape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.Events;
import tools.jackson.databind.node.ObjectNode;

class ServerSelectionTests {

  @Server(
      command = "node suite-server.js --port 0",
      env = {"MODE=suite", "TOKEN"})
  static class Suite {}

  @Server(
      command = "node ${peers}/server.js",
      workingDirectory = "${peers}",
      env = {"TOKEN"})
  static class SuiteWithReferences {}

  @Server(command = "node ${nowhere}/server.js")
  static class SuiteWithAnUnknownReference {}

  @Server(env = {"TOKEN"})
  static class SuiteWithoutServer {}

  static final Tape TAPE =
      new Tape(
          1,
          "t",
          List.of(),
          null,
          new ServerSpec(
              "stdio",
              List.of("node", "tape-server.js"),
              null,
              null,
              List.of("TOKEN"),
              null,
              null,
              null,
              null),
          List.of(),
          null,
          List.of(),
          null);

  static CassetteConfiguration configuration(Map<String, String> parameters) {
    return new CassetteConfiguration(
        new MapConfigurationParameters(parameters), Map.of("TOKEN", "t0ken"));
  }

  @Test
  void aSuitesServerIsReadAsATestsIsWithReferencesResolved() {
    ServerOverride server =
        SuiteSettings.of(SuiteWithReferences.class, configuration(Map.of("peers", "/opt/peers")))
            .server();
    assertThat(server.command()).containsExactly("node", "/opt/peers/server.js");
    assertThat(server.workingDirectory()).isEqualTo("/opt/peers");
    assertThat(server.environment()).containsExactly(Map.entry("TOKEN", "t0ken"));
    assertThatThrownBy(
            () -> SuiteSettings.of(SuiteWithAnUnknownReference.class, configuration(Map.of())))
        .hasMessage(
            "@Server refers to ${nowhere}, which is neither a configuration parameter nor a"
                + " system property");
    assertThatThrownBy(() -> SuiteSettings.of(SuiteWithoutServer.class, configuration(Map.of())))
        .hasMessage("@Server needs exactly one of command or embedded but has neither");
  }

  @Test
  void configurationWinsOverSuiteOverTapeOverEmbedded() throws Exception {
    SuiteSettings suite = SuiteSettings.of(Suite.class, configuration(Map.of()));
    ChosenServer fromConfiguration =
        ServerSelection.choose(
            configuration(Map.of("cassette.server.command", "node 'config server.js'")),
            suite,
            TAPE,
            Set.of("wassette"));
    assertThat(fromConfiguration.spec().command()).containsExactly("node", "config server.js");
    assertThat(fromConfiguration.origin()).isEqualTo("cassette.server.command");

    ChosenServer fromSuite =
        ServerSelection.choose(configuration(Map.of()), suite, TAPE, Set.of("wassette"));
    assertThat(fromSuite.spec().command())
        .containsExactly("node", "suite-server.js", "--port", "0");
    assertThat(fromSuite.environment())
        .containsExactly(Map.entry("MODE", "suite"), Map.entry("TOKEN", "t0ken"));
    assertThat(fromSuite.describe())
        .isEqualTo(
            "command node suite-server.js --port 0 (from @Server on "
                + Suite.class.getName()
                + ")");

    SuiteSettings none = new SuiteSettings(null, MatchLayer.EMPTY);
    ChosenServer fromTape =
        ServerSelection.choose(configuration(Map.of()), none, TAPE, Set.of("wassette"));
    assertThat(fromTape.spec().command()).containsExactly("node", "tape-server.js");
    assertThat(fromTape.environment()).containsExactly(Map.entry("TOKEN", "t0ken"));

    ChosenServer embedded =
        ServerSelection.choose(
            configuration(Map.of("cassette.server.settings.componentDir", "build")),
            none,
            TAPE.withServer(null),
            Set.of("wassette"));
    assertThat(embedded.spec().transport()).isEqualTo("embedded");
    assertThat(embedded.spec().embedded().toString())
        .isEqualTo("{\"name\":\"wassette\",\"componentDir\":\"build\"}");
  }

  @Test
  void noServerAnywhereSaysWhereToNameOne() {
    assertThatThrownBy(
            () ->
                ServerSelection.choose(
                    configuration(Map.of()), SuiteSettings.NONE, TAPE.withServer(null), Set.of()))
        .hasMessage(
            "no server to replay against: set cassette.server.command, put @Server on the"
                + " @TapeSuite class, or give the tape a server block");
  }

  static CassetteConfiguration onCi(Map<String, String> parameters) {
    return new CassetteConfiguration(
        new MapConfigurationParameters(parameters), Map.of("CI", "true", "TOKEN", "t0ken"));
  }

  @Test
  void onCiTheTapesOwnCommandIsRefusedNamingItAndHowToAllowIt() {
    assertThatThrownBy(
            () ->
                ServerSelection.choose(
                    onCi(Map.of()), SuiteSettings.NONE, TAPE, Set.of("wassette")))
        .isInstanceOf(ServerSelection.CommandNotAllowedException.class)
        .hasMessage(
            "the tape's server command `node tape-server.js` is not run on CI (the environment"
                + " variable CI is set): a tape can hold any command. Allow it with"
                + " -Dcassette.server.allowedCommands=node (cassette verify --allow-command"
                + " node), or name the server yourself with -Dcassette.server.command=..."
                + " (cassette verify --server ...) or @Server on the @TapeSuite class");
  }

  @Test
  void theCiParameterAloneRefusesTooAndQuotesWordsWithSpaces() {
    Tape spaced =
        TAPE.withServer(ServerSpec.stdio(List.of("/opt/my tools/server", "--stdio", "a b")));
    CassetteConfiguration configuration =
        new CassetteConfiguration(
            new MapConfigurationParameters(Map.of("cassette.ci", "true")), Map.of());
    assertThatThrownBy(
            () -> ServerSelection.choose(configuration, SuiteSettings.NONE, spaced, Set.of()))
        .isInstanceOf(ServerSelection.CommandNotAllowedException.class)
        .hasMessageStartingWith(
            "the tape's server command `'/opt/my tools/server' --stdio 'a b'` is not run on CI"
                + " (cassette.ci=true)")
        .hasMessageContaining(
            "-Dcassette.server.allowedCommands='/opt/my tools/server' (cassette verify"
                + " --allow-command '/opt/my tools/server')");
  }

  @Test
  void onCiAnAllowedCommandRuns() throws Exception {
    for (String allowed : List.of("node", "node tape-server.js", "no*", "deno, node")) {
      ChosenServer fromTape =
          ServerSelection.choose(
              onCi(Map.of("cassette.server.allowedCommands", allowed)),
              SuiteSettings.NONE,
              TAPE,
              Set.of("wassette"));
      assertThat(fromTape.spec().command()).as(allowed).containsExactly("node", "tape-server.js");
    }
    assertThatThrownBy(
            () ->
                ServerSelection.choose(
                    onCi(Map.of("cassette.server.allowedCommands", "node other.js, ./node")),
                    SuiteSettings.NONE,
                    TAPE,
                    Set.of("wassette")))
        .isInstanceOf(ServerSelection.CommandNotAllowedException.class);
  }

  @Test
  void onCiTheSuitesConfiguredAndEmbeddedServersNeedNoAllowance() throws Exception {
    SuiteSettings suite = SuiteSettings.of(Suite.class, onCi(Map.of()));
    assertThat(ServerSelection.choose(onCi(Map.of()), suite, TAPE, Set.of()).spec().command())
        .containsExactly("node", "suite-server.js", "--port", "0");
    assertThat(
            ServerSelection.choose(
                    onCi(Map.of("cassette.server.command", "deno serve.ts")),
                    SuiteSettings.NONE,
                    TAPE,
                    Set.of())
                .spec()
                .command())
        .containsExactly("deno", "serve.ts");
    ObjectNode wassette = Json.mapper().createObjectNode().put("name", "wassette");
    Tape embedded =
        TAPE.withServer(
            new ServerSpec(
                ServerSpec.EMBEDDED, List.of(), null, wassette, List.of(), null, null, null, null));
    assertThat(
            ServerSelection.choose(onCi(Map.of()), SuiteSettings.NONE, embedded, Set.of()).origin())
        .isEqualTo("the tape's server block");
    assertThat(
            ServerSelection.choose(
                    onCi(Map.of()), SuiteSettings.NONE, TAPE.withServer(null), Set.of("wassette"))
                .spec()
                .transport())
        .isEqualTo(ServerSpec.EMBEDDED);
  }

  /** A tape whose server, when started, creates {@code marker} and exits. */
  static Path markerTape(Path folder, Path marker) throws IOException {
    String command =
        "[\"sh\", \"-c\", \"touch \\\"$0\\\"\", "
            + Json.mapper().writeValueAsString(marker.toString())
            + "]";
    String exchange =
        "{\"client\": {\"jsonrpc\": \"2.0\", \"id\": %d, \"method\": \"ping\"},"
            + " \"response\": {\"jsonrpc\": \"2.0\", \"id\": %d, \"result\": {}}}";
    Path tape = folder.resolve("marker.tape.json");
    Files.writeString(
        tape,
        "{\"cassette\": 1, \"name\": \"marker\", \"server\": {\"transport\": \"stdio\","
            + " \"command\": "
            + command
            + "}, \"exchanges\": ["
            + exchange.formatted(1, 1)
            + ", "
            + exchange.formatted(2, 2)
            + "]}");
    return tape;
  }

  @Test
  void onCiARefusedTapeFailsAndItsCommandIsNeverStarted(@TempDir Path folder) throws IOException {
    Path marker = folder.resolve("started");
    Path tape = markerTape(folder, marker);
    Events tests =
        EngineTests.execute(
                Map.of("cassette.ci", "true", "cassette.record", "none"), selectFile(tape.toFile()))
            .testEvents();
    tests.assertStatistics(stats -> stats.started(1).failed(1).skipped(1));
    tests
        .assertThatEvents()
        .haveExactly(
            1,
            EngineTests.failedWith(
                "exchange:1",
                "the tape's server command `sh -c 'touch \"$0\"' "
                    + marker
                    + "` is not run on CI (cassette.ci=true)"));
    assertThat(marker).doesNotExist();
  }

  @Test
  void onCiAnAllowedTapeCommandIsStarted(@TempDir Path folder) throws IOException {
    Path marker = folder.resolve("started");
    Path tape = markerTape(folder, marker);
    EngineTests.execute(
        Map.of(
            "cassette.ci", "true",
            "cassette.record", "none",
            "cassette.server.allowedCommands", "sh -c"),
        selectFile(tape.toFile()));
    assertThat(marker).exists();
    EngineTests.execute(
            Map.of(
                "cassette.ci", "true",
                "cassette.record", "none",
                "cassette.server.allowedCommands", "node"),
            selectFile("src/test/resources/dev/cassette/engine/stateless/greet.tape.json"))
        .testEvents()
        .assertStatistics(stats -> stats.started(3).succeeded(3));
  }

  @Test
  void locallyTheTapesOwnCommandIsStartedAsBefore(@TempDir Path folder) throws IOException {
    Path marker = folder.resolve("started");
    EngineTests.execute(
        Map.of("cassette.ci", "false", "cassette.record", "none"),
        selectFile(markerTape(folder, marker).toFile()));
    assertThat(marker).exists();
  }
}
