package dev.cassette.engine.jupiter;

import dev.cassette.engine.match.Difference;
import dev.cassette.engine.match.InputRequired;
import dev.cassette.engine.match.JsonComparison;
import dev.cassette.engine.match.MatchSettings;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Compares a recorded response with a live one through the engine's matcher ({@link
 * JsonComparison}), so {@code @Tape} tests report differences exactly as tape suites do. The
 * envelope ({@code id}, {@code jsonrpc}) is never compared, and a 2026-07-28 {@code requestState}
 * in an {@code input_required} result is compared as any string, since it is the server's opaque
 * state. Client messages are compared by {@link dev.cassette.engine.match.ClientMessageMatcher}.
 */
final class JsonComparator {

  /** One line per difference in the engine's format; empty when the messages match. */
  List<String> differences(JsonNode expected, JsonNode actual, MatchSettings settings) {
    return JsonComparison.compare(
            withoutEnvelope(InputRequired.expected(expected)), withoutEnvelope(actual), settings)
        .stream()
        .map(Difference::describe)
        .toList();
  }

  private static JsonNode withoutEnvelope(JsonNode message) {
    if (message instanceof ObjectNode object) {
      ObjectNode copy = object.deepCopy();
      copy.remove("id");
      copy.remove("jsonrpc");
      return copy;
    }
    return message;
  }
}
