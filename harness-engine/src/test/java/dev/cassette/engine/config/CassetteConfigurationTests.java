package dev.cassette.engine.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cassette.annotations.RecordMode;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CassetteConfigurationTests {

  static CassetteConfiguration configuration(
      Map<String, String> parameters, Map<String, String> env) {
    return new CassetteConfiguration(new MapConfigurationParameters(parameters), env);
  }

  @Test
  void recordModeComesFromParameterThenEnvironmentThenCi() {
    assertThat(configuration(Map.of(), Map.of()).recordMode()).isEqualTo(RecordMode.NEW);
    assertThat(configuration(Map.of(), Map.of("CI", "true")).recordMode())
        .isEqualTo(RecordMode.NONE);
    assertThat(configuration(Map.of(), Map.of("CI", "1", "CASSETTE_RECORD", "all")).recordMode())
        .isEqualTo(RecordMode.ALL);
    assertThat(
            configuration(Map.of("cassette.record", "failing"), Map.of("CASSETTE_RECORD", "all"))
                .recordMode())
        .isEqualTo(RecordMode.FAILING);
  }

  @Test
  void badEnvironmentRecordModeIsAProblem() {
    CassetteConfiguration configuration = configuration(Map.of(), Map.of("CASSETTE_RECORD", "yes"));
    assertThat(configuration.problems())
        .containsExactly(
            "environment variable CASSETTE_RECORD has invalid value \"yes\" (expected one of none,"
                + " new, all, failing)");
  }

  @Test
  void theAnnotationsDefaultIsNoConfiguredRecordMode() {
    CassetteConfiguration configuration =
        configuration(Map.of("cassette.record", " Default "), Map.of());
    assertThat(configuration.problems())
        .containsExactly(
            "configuration parameter cassette.record has invalid value \" Default \" (expected one"
                + " of none, new, all, failing)");
    assertThat(CassetteConfiguration.parseRecordMode(" Failing ")).isEqualTo(RecordMode.FAILING);
  }

  @Test
  void timeoutsAcceptShortAndIsoForms() {
    assertThat(configuration(Map.of("cassette.timeout", "500ms"), Map.of()).timeout())
        .isEqualTo(Duration.ofMillis(500));
    assertThat(configuration(Map.of("cassette.timeout", "2m"), Map.of()).timeout())
        .isEqualTo(Duration.ofMinutes(2));
    assertThat(configuration(Map.of("cassette.timeout", "PT3S"), Map.of()).timeout())
        .isEqualTo(Duration.ofSeconds(3));
    assertThat(configuration(Map.of(), Map.of()).timeout()).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void serverSettingsAndEnvironment() {
    CassetteConfiguration configuration =
        configuration(
            Map.of(
                "cassette.server.command", "node 'my server.js' --flag",
                "cassette.server.env", "MODE=test, TOKEN",
                "cassette.server.settings.componentDir", "build",
                "cassette.server.reuse", "suite"),
            Map.of("TOKEN", "s3cret"));
    assertThat(configuration.serverCommand())
        .contains(java.util.List.of("node", "my server.js", "--flag"));
    assertThat(configuration.serverEnvironment())
        .containsExactly(Map.entry("MODE", "test"), Map.entry("TOKEN", "s3cret"));
    assertThat(configuration.serverSettings()).containsExactly(Map.entry("componentDir", "build"));
    assertThat(configuration.serverReuse()).isEqualTo(ServerReuse.SUITE);
    assertThat(configuration.problems()).isEmpty();
  }

  @Test
  void matchLayerFromConfiguration() {
    var layer =
        configuration(
                Map.of(
                    "cassette.match.ignorePaths", "$.result._meta, id",
                    "cassette.match.ignoreArrayOrder", "$.result.tools",
                    "cassette.match.notifications", "ordered",
                    "cassette.match.strict", "maybe"),
                Map.of())
            .matchLayer();
    assertThat(layer.ignorePaths()).containsExactly("$.result._meta", "id");
    assertThat(layer.ignoreArrayOrder()).isNull();
    assertThat(layer.ignoreArrayOrderPaths()).containsExactly("$.result.tools");
    assertThat(layer.orderedNotifications()).isTrue();
    assertThat(layer.strict()).isNull();
  }

  @Test
  void commandLinesSplitLikeAShell() {
    assertThat(CommandLine.split("a  \"b c\" 'd \"e\"' f\\ g \"h\\\"i\""))
        .containsExactly("a", "b c", "d \"e\"", "f g", "h\"i");
    assertThat(CommandLine.split("  ")).isEmpty();
    assertThatThrownBy(() -> CommandLine.split("a 'b"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unclosed ' quote in command line: a 'b");
  }

  @Test
  void ciComesFromTheCiParameterElseTheCiVariable() {
    assertThat(configuration(Map.of(), Map.of()).onCi()).isFalse();
    assertThat(configuration(Map.of(), Map.of("CI", "true")).onCi()).isTrue();
    assertThat(configuration(Map.of(), Map.of("CI", "1")).onCi()).isTrue();
    assertThat(configuration(Map.of(), Map.of("CI", "false")).onCi()).isFalse();
    assertThat(configuration(Map.of(), Map.of("CI", " ")).onCi()).isFalse();
    assertThat(configuration(Map.of("cassette.ci", "true"), Map.of()).onCi()).isTrue();
    assertThat(configuration(Map.of("cassette.ci", "false"), Map.of("CI", "true")).onCi())
        .isFalse();
    assertThat(configuration(Map.of("cassette.ci", "false"), Map.of("CI", "true")).recordMode())
        .isEqualTo(RecordMode.NEW);
    assertThat(configuration(Map.of(), Map.of("CI", "false")).recordMode())
        .isEqualTo(RecordMode.NEW);
    assertThat(configuration(Map.of("cassette.ci", "true"), Map.of()).recordMode())
        .isEqualTo(RecordMode.NONE);
  }

  @Test
  void badCiParameterIsAProblemAndTheCiVariableDecides() {
    CassetteConfiguration configuration =
        configuration(Map.of("cassette.ci", "yes"), Map.of("CI", "true"));
    assertThat(configuration.onCi()).isTrue();
    assertThat(configuration.problems())
        .containsExactly(
            "configuration parameter cassette.ci has invalid value \"yes\" (expected true or"
                + " false)");
  }

  @Test
  void allowedCommandsAreCommaSeparatedCommandPrefixes() {
    CassetteConfiguration configuration =
        configuration(
            Map.of("cassette.server.allowedCommands", " node  src/server.js , uvx, 'my tool' -v,"),
            Map.of());
    assertThat(configuration.allowedCommands().entries())
        .containsExactly(
            java.util.List.of("node", "src/server.js"),
            java.util.List.of("uvx"),
            java.util.List.of("my tool", "-v"));
    assertThat(configuration.problems()).isEmpty();
    assertThat(configuration(Map.of(), Map.of()).allowedCommands().entries()).isEmpty();
  }

  @Test
  void unreadableAllowedCommandIsAProblemAndIsLeftOut() {
    CassetteConfiguration configuration =
        configuration(Map.of("cassette.server.allowedCommands", "node, 'broken"), Map.of());
    assertThat(configuration.allowedCommands().entries())
        .containsExactly(java.util.List.of("node"));
    assertThat(configuration.problems())
        .containsExactly(
            "configuration parameter cassette.server.allowedCommands has invalid entry"
                + " \"'broken\" (unclosed ' quote in command line: 'broken; expected comma-separated"
                + " command prefixes such as node src/server.js,uvx)");
  }

  @Test
  void badValuesNameTheKeyTheValueAndTheValidValues() {
    CassetteConfiguration configuration =
        configuration(
            Map.of(
                "cassette.timeout", "soon",
                "cassette.record", "al",
                "cassette.server.reuse", "never",
                "cassette.match.numericTolerance", "a bit"),
            Map.of());
    assertThat(configuration.problems())
        .containsExactlyInAnyOrder(
            "configuration parameter cassette.timeout has invalid value \"soon\" (expected a"
                + " positive duration: 10s, 500ms, 2m, 1h or ISO-8601 PT10S)",
            "configuration parameter cassette.record has invalid value \"al\" (expected one of"
                + " none, new, all, failing)",
            "configuration parameter cassette.server.reuse has invalid value \"never\" (expected"
                + " one of tape, suite)",
            "configuration parameter cassette.match.numericTolerance has invalid value \"a bit\""
                + " (expected a number >= 0)");
    assertThat(configuration.timeout()).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void anUnknownCassetteKeyIsAProblemThatNamesTheNearestKnownKey() {
    CassetteConfiguration configuration =
        configuration(
            Map.of(
                "cassette.recrod", "all",
                "cassette.server.startupTimout", "5s",
                "cassette.zzz", "1",
                "cassette.server.settings.anything", "goes",
                "cassette.execution.parallel.config.strategy", "fixed",
                "junit.jupiter.whatever", "x"),
            Map.of());
    assertThat(configuration.problems())
        .containsExactly(
            "unknown configuration parameter cassette.recrod: did you mean cassette.record? (the"
                + " keys are listed in docs/configuration.md)",
            "unknown configuration parameter cassette.server.startupTimout: did you mean"
                + " cassette.server.startupTimeout? (the keys are listed in docs/configuration.md)",
            "unknown configuration parameter cassette.zzz (the keys are listed in"
                + " docs/configuration.md)");
  }

  @Test
  void aKeyFromASystemPropertyIsNotCheckedForBeingKnown() {
    System.setProperty("cassette.fromTheBuild", "x");
    try {
      assertThat(configuration(Map.of("cassette.fromTheBuild", "x"), Map.of()).problems())
          .isEmpty();
      assertThat(configuration(Map.of("cassette.fromTheBuild", "other"), Map.of()).problems())
          .singleElement()
          .asString()
          .startsWith("unknown configuration parameter cassette.fromTheBuild");
    } finally {
      System.clearProperty("cassette.fromTheBuild");
    }
  }

  @Test
  void theTimeoutAloneBoundsAFreshServersFirstAnswerWhenOnlyItIsSet() {
    assertThat(configuration(Map.of(), Map.of()).serverStartupTimeout())
        .isEqualTo(Duration.ofSeconds(30));
    assertThat(configuration(Map.of("cassette.timeout", "2s"), Map.of()).serverStartupTimeout())
        .isZero();
    assertThat(
            configuration(
                    Map.of("cassette.timeout", "2s", "cassette.server.startupTimeout", "1m"),
                    Map.of())
                .serverStartupTimeout())
        .isEqualTo(Duration.ofMinutes(1));
    assertThat(
            configuration(Map.of("cassette.server.startupTimeout", "5s"), Map.of())
                .serverStartupTimeout())
        .isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void tapesRootAndOfflineAreReadLikeEveryOtherKey() {
    CassetteConfiguration configuration =
        configuration(Map.of("cassette.tapes.root", "tapes", "cassette.offline", "yes"), Map.of());
    assertThat(configuration.tapesRoot()).isEqualTo(java.nio.file.Path.of("tapes"));
    assertThat(configuration.offline()).isFalse();
    assertThat(configuration.problems())
        .containsExactly(
            "configuration parameter cassette.offline has invalid value \"yes\" (expected true or"
                + " false)");
    assertThat(configuration(Map.of(), Map.of()).tapesRoot())
        .isEqualTo(java.nio.file.Path.of("src/test/resources/tapes"));
  }
}
