package dev.cassette.host.tools;

import dev.cassette.proxy.jsonrpc.Json;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import tools.jackson.databind.JsonNode;

/** The result shapes Wassette uses. */
final class ToolResults {
  private ToolResults() {}

  /** A host failure: {@code isError: true} and the text {@code Error: <message>}. */
  static CallToolResult error(String message) {
    return CallToolResult.builder().addTextContent("Error: " + message).isError(true).build();
  }

  /** A built-in tool's answer: the JSON text only, as Wassette's built-ins answer. */
  static CallToolResult json(JsonNode value) {
    return CallToolResult.builder().addTextContent(Json.compact(value)).isError(false).build();
  }

  /** A built-in tool's failure whose text is itself JSON (Wassette's unload failure). */
  static CallToolResult jsonError(JsonNode value) {
    return CallToolResult.builder().addTextContent(Json.compact(value)).isError(true).build();
  }

  /**
   * A component tool's answer: the value as text (a string as is, anything else as JSON) plus
   * {@code structuredContent: {"result": value}}.
   */
  static CallToolResult structured(JsonNode value) {
    String text = value.isString() ? value.asString() : Json.compact(value);
    Object plain = Json.mapper().convertValue(value, Object.class);
    java.util.Map<String, Object> structured = new java.util.LinkedHashMap<>();
    structured.put("result", plain);
    return CallToolResult.builder()
        .addTextContent(text)
        .structuredContent(structured)
        .isError(false)
        .build();
  }
}
