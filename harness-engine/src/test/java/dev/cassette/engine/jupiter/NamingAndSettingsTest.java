package dev.cassette.engine.jupiter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cassette.annotations.RecordMode;
import dev.cassette.annotations.Server;
import dev.cassette.engine.config.CassetteConfiguration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NamingAndSettingsTest {

  private static CassetteConfiguration configuration(
      Map<String, String> parameters, Map<String, String> env) {
    return CassetteConfiguration.of(key -> Optional.ofNullable(parameters.get(key)), env);
  }

  private static JupiterSettings settings(Map<String, String> parameters, Map<String, String> env) {
    return new JupiterSettings(configuration(parameters, env));
  }

  @Test
  void recordModeComesFromTheAnnotationThenConfigurationThenEnvironmentThenCi() {
    assertThat(settings(Map.of("cassette.record", "new"), Map.of()).recordMode(RecordMode.ALL))
        .isEqualTo(RecordMode.ALL);
    assertThat(
            settings(Map.of("cassette.record", " Failing "), Map.of())
                .recordMode(RecordMode.DEFAULT))
        .isEqualTo(RecordMode.FAILING);
    assertThat(
            settings(Map.of(), Map.of("CASSETTE_RECORD", "all", "CI", "true"))
                .recordMode(RecordMode.DEFAULT))
        .isEqualTo(RecordMode.ALL);
    assertThat(settings(Map.of(), Map.of("CI", "true")).recordMode(RecordMode.DEFAULT))
        .isEqualTo(RecordMode.NONE);
    assertThat(
            settings(Map.of("cassette.ci", "false"), Map.of("CI", "true"))
                .recordMode(RecordMode.DEFAULT))
        .isEqualTo(RecordMode.NEW);
    assertThat(settings(Map.of(), Map.of()).recordMode(RecordMode.DEFAULT))
        .isEqualTo(RecordMode.NEW);
  }

  @Test
  void aBadRecordModeNamesTheKeyTheValueAndTheValidValues() {
    assertThatThrownBy(() -> settings(Map.of("cassette.record", "sometimes"), Map.of()).check())
        .hasMessage(
            "Cassette configuration: configuration parameter cassette.record has invalid value"
                + " \"sometimes\" (expected one of none, new, all, failing)");
  }

  @Test
  void ciAndOfflineAreReadStrictlyAsTheEngineReadsThem() {
    JupiterSettings settings =
        settings(Map.of("cassette.ci", "yes", "cassette.offline", "on"), Map.of());
    assertThatThrownBy(settings::check)
        .hasMessage(
            "Cassette configuration: configuration parameter cassette.ci has invalid value"
                + " \"yes\" (expected true or false); configuration parameter cassette.offline has"
                + " invalid value \"on\" (expected true or false)");
  }

  @Test
  void displayNamesBecomeSafeFileNames() {
    assertThat(TapePath.fileName("[1] city Oslo / Bergen")).isEqualTo("1_city_Oslo_Bergen");
    assertThat(TapePath.fileName("   ")).isEqualTo("tape");
  }

  @Server(
      command = "node '${peers}/server.js' stdio",
      env = {"TOKEN", "MODE=test", "UNSET"})
  static class WithCommand {}

  @Server(
      embedded = "wassette",
      settings = {"componentDir=${root}/components", "seed=7"})
  static class Embedded {}

  @Server(command = "node ${nowhere}/x.js")
  static class Unresolvable {}

  @Test
  void serverSettingsResolveReferencesAndKeepOnlyEnvironmentNamesInTheSpec() {
    ServerSettings command =
        ServerSettings.of(
            WithCommand.class.getAnnotation(Server.class),
            configuration(Map.of("peers", "/opt/my peers"), Map.of("TOKEN", "t0ken-value")),
            "@Server");

    assertThat(command.spec().command())
        .containsExactly("node", "/opt/my peers/server.js", "stdio");
    assertThat(command.spec().env()).containsExactly("TOKEN", "MODE");
    assertThat(command.environment()).isEqualTo(Map.of("TOKEN", "t0ken-value", "MODE", "test"));
    assertThat(command.spec().toString()).doesNotContain("t0ken-value");

    ServerSettings embedded =
        ServerSettings.of(
            Embedded.class.getAnnotation(Server.class),
            configuration(Map.of("root", "/src"), Map.of()),
            "@Server");
    assertThat(embedded.spec().embedded().toString())
        .isEqualTo("{\"name\":\"wassette\",\"componentDir\":\"/src/components\",\"seed\":\"7\"}");
  }

  @Test
  void anUnknownReferenceIsNamed() {
    assertThatThrownBy(
            () ->
                ServerSettings.of(
                    Unresolvable.class.getAnnotation(Server.class),
                    configuration(Map.of(), Map.of()),
                    "@Server"))
        .hasMessage(
            "@Server refers to ${nowhere}, which is neither a configuration parameter nor a system property");
  }
}
