package dev.cassette.engine.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cassette.annotations.Server;
import dev.cassette.engine.config.CassetteConfiguration;
import dev.cassette.engine.config.MapConfigurationParameters;
import dev.cassette.engine.match.MatchLayer;
import dev.cassette.proxy.tape.ServerSpec;
import dev.cassette.proxy.tape.Tape;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ServerSelectionTests {

  @Server(
      command = "node suite-server.js --port 0",
      env = {"MODE=suite", "TOKEN"})
  static class Suite {}

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
  void configurationWinsOverSuiteOverTapeOverEmbedded() throws Exception {
    SuiteSettings suite = SuiteSettings.of(Suite.class, Map.of("TOKEN", "t0ken"));
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
}
