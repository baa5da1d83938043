package dev.cassette.engine.jupiter;

import dev.cassette.annotations.RecordMode;
import dev.cassette.engine.config.CassetteConfiguration;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The extension's view of the engine's one configuration reader ({@link CassetteConfiguration}),
 * read once per run from the configuration parameters ({@code cassette.*}, from system properties
 * or {@code junit-platform.properties}) and the environment.
 */
final class JupiterSettings {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(JupiterSettings.class);

  private final CassetteConfiguration configuration;

  JupiterSettings(CassetteConfiguration configuration) {
    this.configuration = configuration;
  }

  /**
   * The run's settings, read on first use and kept in the root context's store.
   *
   * @throws ExtensionConfigurationException naming every bad value (key, value, valid values)
   */
  static JupiterSettings of(ExtensionContext context) {
    ExtensionContext root = context.getRoot();
    JupiterSettings settings =
        root.getStore(NAMESPACE)
            .computeIfAbsent(
                JupiterSettings.class,
                key ->
                    new JupiterSettings(
                        CassetteConfiguration.of(root::getConfigurationParameter, System.getenv())),
                JupiterSettings.class);
    settings.check();
    return settings;
  }

  /**
   * Fails when the configuration has problems.
   *
   * @throws ExtensionConfigurationException naming every bad value (key, value, valid values)
   */
  void check() {
    if (!configuration.problems().isEmpty()) {
      throw new ExtensionConfigurationException(
          "Cassette configuration: " + String.join("; ", configuration.problems()));
    }
  }

  CassetteConfiguration configuration() {
    return configuration;
  }

  /** {@code cassette.tapes.root}, default {@code src/test/resources/tapes}. */
  Path tapesRoot() {
    return configuration.tapesRoot();
  }

  /** {@code cassette.offline}, default false. */
  boolean offline() {
    return configuration.offline();
  }

  /** {@code cassette.ci}, default: whether the environment variable {@code CI} is set. */
  boolean onCi() {
    return configuration.onCi();
  }

  /**
   * The record mode: the annotation's, else the configuration's ({@code cassette.record}, else
   * {@code CASSETTE_RECORD}, else {@code none} on CI and {@code new} elsewhere).
   */
  RecordMode recordMode(RecordMode annotated) {
    return annotated != RecordMode.DEFAULT ? annotated : configuration.recordMode();
  }
}
