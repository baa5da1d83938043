package dev.cassette.proxy.tape;

import dev.cassette.proxy.jsonrpc.Json;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A parsed tape document with the start position of every value of the tape's own structure, keyed
 * by JSON Pointer. Recorded messages are parsed whole by the shared mapper, so they stay exact.
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

  /** Reads one value where the parser stands; the rest of the document follows it. */
  private static final ObjectReader VALUE_READER =
      Json.mapper()
          .readerFor(JsonNode.class)
          .without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  static LocatedTree parse(String json, String sourceName) throws TapeFormatException {
    Map<String, SourcePosition> positions = new HashMap<>();
    try (JsonParser parser = Json.mapper().createParser(json)) {
      if (parser.nextToken() == null) {
        throw new TapeFormatException(
            sourceName, null, "empty file: expected a tape (a JSON object)");
      }
      JsonNode root = readValue(parser, "", "", positions);
      if (parser.nextToken() != null) {
        throw new TapeFormatException(
            sourceName,
            position(parser.currentTokenLocation()),
            "unexpected content after the end of the tape");
      }
      return new LocatedTree(root, positions);
    } catch (JacksonException e) {
      throw new TapeFormatException(
          sourceName, position(e.getLocation()), "not valid JSON: " + e.getOriginalMessage(), e);
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

  private static JsonNode readValue(
      JsonParser parser, String pointer, String shape, Map<String, SourcePosition> positions) {
    SourcePosition start = position(parser.currentTokenLocation());
    if (start != null) {
      positions.put(pointer, start);
    }
    if (!STRUCTURE.contains(shape)) {
      return VALUE_READER.readValue(parser);
    }
    if (parser.currentToken() == JsonToken.START_OBJECT) {
      ObjectNode object = JsonNodeFactory.instance.objectNode();
      for (String name = parser.nextName(); name != null; name = parser.nextName()) {
        parser.nextToken();
        object.set(name, readValue(parser, child(pointer, name), child(shape, name), positions));
      }
      return object;
    }
    if (parser.currentToken() == JsonToken.START_ARRAY) {
      ArrayNode array = JsonNodeFactory.instance.arrayNode();
      int index = 0;
      while (parser.nextToken() != JsonToken.END_ARRAY) {
        array.add(readValue(parser, pointer + "/" + index++, shape + "/*", positions));
      }
      return array;
    }
    return VALUE_READER.readValue(parser);
  }
}
