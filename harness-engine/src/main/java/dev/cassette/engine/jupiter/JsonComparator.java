package dev.cassette.engine.jupiter;

import dev.cassette.engine.match.Difference;
import dev.cassette.engine.match.InputRequired;
import dev.cassette.engine.match.JsonComparison;
import dev.cassette.engine.match.MatchSettings;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Compares a recorded message with a live one through the engine's matcher ({@link
 * JsonComparison}), so {@code @Tape} tests report differences exactly as tape suites do. The
 * envelope ({@code id}, {@code jsonrpc}) and per-run request metadata ({@code params._meta}) are
 * never compared, and a 2026-07-28 {@code requestState} (in an {@code input_required} result or
 * echoed in a retried request) is compared as any string, since it is the server's opaque state.
 */
final class JsonComparator {

  /** One line per difference in the engine's format; empty when the messages match. */
  List<String> differences(JsonNode expected, JsonNode actual, MatchSettings settings) {
    return JsonComparison.compare(
            comparable(InputRequired.expected(expected)), comparable(actual), settings)
        .stream()
        .map(Difference::describe)
        .toList();
  }

  private static JsonNode comparable(JsonNode message) {
    if (message instanceof ObjectNode object) {
      ObjectNode copy = object.deepCopy();
      copy.remove("id");
      copy.remove("jsonrpc");
      if (copy.get("params") instanceof ObjectNode params) {
        params.remove("_meta");
        if (params.path("requestState").isString()) {
          params.put("requestState", InputRequired.ANY_STATE);
        }
      }
      return copy;
    }
    return message;
  }
}
