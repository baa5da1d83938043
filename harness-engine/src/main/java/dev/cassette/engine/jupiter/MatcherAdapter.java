package dev.cassette.engine.jupiter;

import dev.cassette.engine.match.MatchLayers;
import dev.cassette.engine.match.MatchSettings;
import dev.cassette.proxy.serve.RequestMatcher;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Lets a {@code TapeServer} match requests with the engine's matcher. */
final class MatcherAdapter implements RequestMatcher {

  private final JsonComparator comparator;
  private final MatchSettings base;

  MatcherAdapter(JsonComparator comparator, MatchSettings base) {
    this.comparator = comparator;
    this.base = base;
  }

  @Override
  public List<String> differences(JsonNode recorded, JsonNode incoming, ObjectNode match) {
    return comparator.differences(recorded, incoming, base.merge(MatchLayers.fromJson(match)));
  }
}
