package dev.cassette.proxy.tape;

import dev.cassette.proxy.jsonrpc.Json;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A parsed tape document with the start position of every value of the tape's own structure, keyed
 * by JSON Pointer.
 *
 * <p>Values are built as the shared mapper builds them (decimals with their scale, integers of any
 * size, key order kept, duplicate keys rejected by the parser), and a negative zero keeps its sign.
 */
record LocatedTree(JsonNode root, Map<String, SourcePosition> positions) {

  /** Containers whose members get positions; {@code *} stands for any array index. */
  private static final Set<String> STRUCTURE =
      Set.of(
          "",
          "/tags",
          "/recorded",
          "/server",
          "/server/command",
          "/server/env",
          "/components",
          "/components/*",
          "/exchanges",
          "/exchanges/*",
          "/exchanges/*/notifications",
          "/exchanges/*/serverRequests",
          "/exchanges/*/serverRequests/*");

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  static LocatedTree parse(String json, String sourceName) throws TapeFormatException {
    Map<String, SourcePosition> positions = new HashMap<>();
    try (JsonParser parser = Json.mapper().createParser(json)) {
      try {
        if (parser.nextToken() == null) {
          throw new TapeFormatException(
              sourceName, null, "empty file: expected a tape (a JSON object)");
        }
        remember(parser, "", positions);
        JsonNode root = readValue(parser, "", "", positions);
        if (parser.nextToken() != null) {
          throw new TapeFormatException(
              sourceName,
              position(parser.currentTokenLocation()),
              "unexpected content after the end of the tape");
        }
        return new LocatedTree(root, positions);
      } catch (JacksonException e) {
        // Limit violations (nesting depth, string length) carry no location of their own.
        SourcePosition where = position(e.getLocation());
        throw new TapeFormatException(
            sourceName,
            where == null ? position(parser.currentLocation()) : where,
            "not valid JSON: " + e.getOriginalMessage(),
            e);
      }
    }
  }

  /** The position stored for a pointer, or for its nearest ancestor that has one. */
  SourcePosition positionOf(String pointer) {
    String current = pointer;
    while (true) {
      SourcePosition found = positions.get(current);
      if (found != null || current.isEmpty()) {
        return found;
      }
      current = current.substring(0, current.lastIndexOf('/'));
    }
  }

  static String child(String pointer, String name) {
    return pointer + "/" + name.replace("~", "~0").replace("/", "~1");
  }

  static SourcePosition position(TokenStreamLocation location) {
    if (location == null || location.getLineNr() < 1 || location.getColumnNr() < 1) {
      return null;
    }
    return new SourcePosition(location.getLineNr(), location.getColumnNr());
  }

  /**
   * Reads the value at the parser's current token. Members of the tape's own structure get their
   * positions remembered; anything else (recorded messages, match blocks) is read plainly.
   */
  private static JsonNode readValue(
      JsonParser parser, String pointer, String shape, Map<String, SourcePosition> positions) {
    if (!STRUCTURE.contains(shape)) {
      return readPlain(parser);
    }
    if (parser.currentToken() == JsonToken.START_OBJECT) {
      ObjectNode object = NODES.objectNode();
      for (String name = parser.nextName(); name != null; name = parser.nextName()) {
        parser.nextToken();
        String childPointer = child(pointer, name);
        remember(parser, childPointer, positions);
        object.set(name, readValue(parser, childPointer, child(shape, name), positions));
      }
      return object;
    }
    if (parser.currentToken() == JsonToken.START_ARRAY) {
      ArrayNode array = NODES.arrayNode();
      for (int index = 0; parser.nextToken() != JsonToken.END_ARRAY; index++) {
        String childPointer = pointer + "/" + index;
        remember(parser, childPointer, positions);
        array.add(readValue(parser, childPointer, shape + "/*", positions));
      }
      return array;
    }
    return readPlain(parser);
  }

  private static JsonNode readPlain(JsonParser parser) {
    return switch (parser.currentToken()) {
      case START_OBJECT -> {
        ObjectNode object = NODES.objectNode();
        for (String name = parser.nextName(); name != null; name = parser.nextName()) {
          parser.nextToken();
          object.set(name, readPlain(parser));
        }
        yield object;
      }
      case START_ARRAY -> {
        ArrayNode array = NODES.arrayNode();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
          array.add(readPlain(parser));
        }
        yield array;
      }
      case VALUE_STRING -> NODES.stringNode(parser.getString());
      case VALUE_NUMBER_INT -> integer(parser);
      case VALUE_NUMBER_FLOAT -> decimal(parser);
      case VALUE_TRUE -> NODES.booleanNode(true);
      case VALUE_FALSE -> NODES.booleanNode(false);
      case VALUE_NULL -> NODES.nullNode();
      default -> throw new IllegalStateException("unexpected token " + parser.currentToken());
    };
  }

  private static void remember(
      JsonParser parser, String pointer, Map<String, SourcePosition> positions) {
    SourcePosition start = position(parser.currentTokenLocation());
    if (start != null) {
      positions.put(pointer, start);
    }
  }

  private static JsonNode integer(JsonParser parser) {
    return switch (parser.getNumberType()) {
      case INT -> NODES.numberNode(parser.getIntValue());
      case LONG -> NODES.numberNode(parser.getLongValue());
      default -> NODES.numberNode(parser.getBigIntegerValue());
    };
  }

  /**
   * A decimal with its scale; a negative zero ({@code -0.0}), which {@link java.math.BigDecimal}
   * cannot hold, becomes a double so its sign survives.
   */
  private static JsonNode decimal(JsonParser parser) {
    BigDecimal value = parser.getDecimalValue();
    if (value.signum() == 0 && parser.getString().startsWith("-")) {
      return NODES.numberNode(-0.0d);
    }
    return NODES.numberNode(value);
  }
}
