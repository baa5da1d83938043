package dev.cassette.engine.jupiter;

import dev.cassette.annotations.Tape;
import dev.cassette.engine.Constants;
import dev.cassette.engine.config.CassetteConfiguration;
import dev.cassette.engine.config.RecordMode;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Reads the extension's configuration parameters ({@code cassette.*}, from system properties or
 * {@code junit-platform.properties}) and the environment, one small method per setting.
 */
final class JupiterSettings {

  private final Function<String, Optional<String>> parameters;
  private final Function<String, String> environment;

  JupiterSettings(
      Function<String, Optional<String>> parameters, Function<String, String> environment) {
    this.parameters = parameters;
    this.environment = environment;
  }

  static JupiterSettings of(ExtensionContext context) {
    return new JupiterSettings(context::getConfigurationParameter, System::getenv);
  }

  /** {@code cassette.tapes.root}, default {@code src/test/resources/tapes}. */
  Path tapesRoot() {
    return Path.of(
        parameters
            .apply(CassetteExtension.TAPES_ROOT_PROPERTY_NAME)
            .orElse("src/test/resources/tapes"));
  }

  /** {@code cassette.offline}, default false. */
  boolean offline() {
    return parameters
        .apply(CassetteExtension.OFFLINE_PROPERTY_NAME)
        .map(value -> Boolean.parseBoolean(value.trim()))
        .orElse(false);
  }

  /**
   * {@code cassette.ci}, default: whether the environment variable {@code CI} is set; the engine's
   * rule ({@link CassetteConfiguration#ciReason(Boolean, String)}).
   */
  boolean onCi() {
    Boolean configured =
        parameters
            .apply(Constants.CI_PROPERTY_NAME)
            .map(value -> Boolean.parseBoolean(value.trim()))
            .orElse(null);
    return CassetteConfiguration.ciReason(
            configured, environment.apply(Constants.CI_ENVIRONMENT_VARIABLE))
        .isPresent();
  }

  /**
   * The record mode: the annotation's, else {@code cassette.record}, else {@code CASSETTE_RECORD},
   * else {@code none} on CI and {@code new} elsewhere.
   *
   * @throws IllegalArgumentException naming the key and the value when it is not a mode
   */
  RecordMode recordMode(Tape.RecordMode annotated) {
    if (annotated != Tape.RecordMode.DEFAULT) {
      return RecordMode.valueOf(annotated.name());
    }
    Optional<String> configured =
        parameters.apply(Constants.RECORD_PROPERTY_NAME).filter(value -> !value.isBlank());
    if (configured.isPresent()) {
      return parse(Constants.RECORD_PROPERTY_NAME, configured.get());
    }
    String fromEnvironment = environment.apply(Constants.RECORD_ENVIRONMENT_VARIABLE);
    if (fromEnvironment != null && !fromEnvironment.isBlank()) {
      return parse(Constants.RECORD_ENVIRONMENT_VARIABLE, fromEnvironment);
    }
    return onCi() ? RecordMode.NONE : RecordMode.NEW;
  }

  private static RecordMode parse(String key, String value) {
    String name = value.trim().toLowerCase(Locale.ROOT);
    for (RecordMode mode : RecordMode.values()) {
      if (mode.configValue().equals(name)) {
        return mode;
      }
    }
    throw new IllegalArgumentException(
        key + " must be one of none, new, all, failing but was '" + value + "'");
  }
}
