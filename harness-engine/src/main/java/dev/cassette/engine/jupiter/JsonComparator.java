package dev.cassette.engine.jupiter;

import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Compares a recorded JSON message with a live one. One implementation ({@link JsonUnitComparator})
 * so that moving to the engine's matcher is a one-class change.
 */
interface JsonComparator {

  /**
   * Lists the differences, one line each: the JSON path first, then {@code expected: <…> but was:
   * <…>}. Empty when the messages match. {@code id} and {@code jsonrpc} are never compared.
   */
  List<String> differences(JsonNode expected, JsonNode actual, MatchOptions options);
}
