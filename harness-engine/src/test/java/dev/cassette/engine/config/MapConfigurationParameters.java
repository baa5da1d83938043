package dev.cassette.engine.config;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.platform.engine.ConfigurationParameters;

/** Configuration parameters backed by a map, for tests that build a configuration directly. */
public record MapConfigurationParameters(Map<String, String> map)
    implements ConfigurationParameters {

  @Override
  public Optional<String> get(String key) {
    return Optional.ofNullable(map.get(key));
  }

  @Override
  public Optional<Boolean> getBoolean(String key) {
    return get(key).map(Boolean::valueOf);
  }

  @Override
  public Set<String> keySet() {
    return map.keySet();
  }
}
