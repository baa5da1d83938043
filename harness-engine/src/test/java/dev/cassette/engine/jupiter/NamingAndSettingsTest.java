package dev.cassette.engine.jupiter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cassette.annotations.Server;
import dev.cassette.annotations.Tape;
import dev.cassette.engine.config.RecordMode;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NamingAndSettingsTest {

  private static JupiterSettings settings(Map<String, String> parameters, Map<String, String> env) {
    return new JupiterSettings(key -> Optional.ofNullable(parameters.get(key)), env::get);
  }

  @Test
  void recordModeComesFromTheAnnotationThenConfigurationThenEnvironmentThenCi() {
    assertThat(settings(Map.of("cassette.record", "new"), Map.of()).recordMode(Tape.RecordMode.ALL))
        .isEqualTo(RecordMode.ALL);
    assertThat(
            settings(Map.of("cassette.record", " Failing "), Map.of())
                .recordMode(Tape.RecordMode.DEFAULT))
        .isEqualTo(RecordMode.FAILING);
    assertThat(
            settings(Map.of(), Map.of("CASSETTE_RECORD", "all", "CI", "true"))
                .recordMode(Tape.RecordMode.DEFAULT))
        .isEqualTo(RecordMode.ALL);
    assertThat(settings(Map.of(), Map.of("CI", "true")).recordMode(Tape.RecordMode.DEFAULT))
        .isEqualTo(RecordMode.NONE);
    assertThat(
            settings(Map.of("cassette.ci", "false"), Map.of("CI", "true"))
                .recordMode(Tape.RecordMode.DEFAULT))
        .isEqualTo(RecordMode.NEW);
    assertThat(settings(Map.of(), Map.of()).recordMode(Tape.RecordMode.DEFAULT))
        .isEqualTo(RecordMode.NEW);
  }

  @Test
  void aBadRecordModeNamesTheKeyAndTheValue() {
    assertThatThrownBy(
            () ->
                settings(Map.of("cassette.record", "sometimes"), Map.of())
                    .recordMode(Tape.RecordMode.DEFAULT))
        .hasMessage("cassette.record must be one of none, new, all, failing but was 'sometimes'");
  }

  @Test
  void displayNamesBecomeSafeFileNames() {
    assertThat(TapeLocation.fileName("[1] city Oslo / Bergen")).isEqualTo("1_city_Oslo_Bergen");
    assertThat(TapeLocation.fileName("   ")).isEqualTo("tape");
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
            key -> key.equals("peers") ? Optional.of("/opt/my peers") : Optional.empty(),
            Map.of("TOKEN", "t0ken-value"));

    assertThat(command.spec().command())
        .containsExactly("node", "/opt/my peers/server.js", "stdio");
    assertThat(command.spec().env()).containsExactly("TOKEN", "MODE");
    assertThat(command.environment()).isEqualTo(Map.of("TOKEN", "t0ken-value", "MODE", "test"));
    assertThat(command.spec().toString()).doesNotContain("t0ken-value");

    ServerSettings embedded =
        ServerSettings.of(
            Embedded.class.getAnnotation(Server.class),
            key -> key.equals("root") ? Optional.of("/src") : Optional.empty(),
            Map.of());
    assertThat(embedded.spec().embedded().toString())
        .isEqualTo("{\"name\":\"wassette\",\"componentDir\":\"/src/components\",\"seed\":\"7\"}");
  }

  @Test
  void anUnknownReferenceIsNamed() {
    assertThatThrownBy(
            () ->
                ServerSettings.of(
                    Unresolvable.class.getAnnotation(Server.class),
                    key -> Optional.empty(),
                    Map.of()))
        .hasMessage(
            "@Server refers to ${nowhere}, which is neither a configuration parameter nor a system property");
  }
}
