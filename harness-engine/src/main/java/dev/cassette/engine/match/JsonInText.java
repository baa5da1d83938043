package dev.cassette.engine.match;

import dev.cassette.proxy.jsonrpc.Json;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Replaces JSON carried as text in {@code content[].text} by the parsed JSON, in copies of a
 * recorded and a live message, wherever both texts hold a JSON object or array. Wassette returns a
 * tool's JSON result this way, and comparing structure rather than text makes placeholders, ignored
 * paths and key order work inside it.
 */
final class JsonInText {

  private JsonInText() {}

  /** Returns {expected, actual} with matching texts unwrapped; the inputs are not changed. */
  static JsonNode[] unwrap(JsonNode expected, JsonNode actual) {
    JsonNode expectedCopy = expected.deepCopy();
    JsonNode actualCopy = actual.deepCopy();
    walk(expectedCopy, actualCopy);
    return new JsonNode[] {expectedCopy, actualCopy};
  }

  private static void walk(JsonNode expected, JsonNode actual) {
    if (expected instanceof ObjectNode e && actual instanceof ObjectNode a) {
      if (e.get("content") instanceof ArrayNode ec && a.get("content") instanceof ArrayNode ac) {
        for (int i = 0; i < Math.min(ec.size(), ac.size()); i++) {
          unwrapText(ec.get(i), ac.get(i));
        }
      }
      for (var entry : e.properties()) {
        JsonNode other = a.get(entry.getKey());
        if (other != null) {
          walk(entry.getValue(), other);
        }
      }
    } else if (expected instanceof ArrayNode e && actual instanceof ArrayNode a) {
      for (int i = 0; i < Math.min(e.size(), a.size()); i++) {
        walk(e.get(i), a.get(i));
      }
    }
  }

  private static void unwrapText(JsonNode expected, JsonNode actual) {
    if (expected instanceof ObjectNode e
        && actual instanceof ObjectNode a
        && e.path("text").isString()
        && a.path("text").isString()) {
      JsonNode expectedJson = parseStructure(e.get("text").stringValue());
      JsonNode actualJson = parseStructure(a.get("text").stringValue());
      if (expectedJson != null && actualJson != null) {
        e.set("text", expectedJson);
        a.set("text", actualJson);
      }
    }
  }

  private static JsonNode parseStructure(String text) {
    String trimmed = text.trim();
    if (!(trimmed.startsWith("{") || trimmed.startsWith("["))) {
      return null;
    }
    try {
      JsonNode node = Json.parse(trimmed);
      return node.isContainer() ? node : null;
    } catch (JacksonException e) {
      return null;
    }
  }
}
