package dev.cassette.proxy.launch;

import java.util.Map;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * Settings for an embedded server, as string keys and values (for the Wassette-compatible host, for
 * example {@code componentDir}, {@code deterministic}, {@code seed}).
 *
 * @param settings the settings; keys are defined by each provider
 * @param environment environment variables the server may expose to its tools
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record EmbeddedServerOptions(Map<String, String> settings, Map<String, String> environment) {
  /** Checks arguments and copies the maps. */
  public EmbeddedServerOptions {
    settings = Map.copyOf(Objects.requireNonNull(settings, "settings"));
    environment = Map.copyOf(Objects.requireNonNull(environment, "environment"));
  }

  /** A setting, or {@code defaultValue} when absent. */
  public String setting(String key, String defaultValue) {
    return settings.getOrDefault(key, defaultValue);
  }
}
