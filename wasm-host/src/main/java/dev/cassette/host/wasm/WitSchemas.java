package dev.cassette.host.wasm;

import dev.cassette.proxy.jsonrpc.Json;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Maps the guest's WIT-style type descriptions to JSON Schema, as Wassette maps WIT types. A type
 * may nest at most {@value #MAX_DEPTH} levels: deeper schemas overflow the stack of the MCP SDK's
 * schema checks.
 */
final class WitSchemas {
  /** How deep a type may nest (a plain type is depth 1, {@code list<u8>} depth 2). */
  static final int MAX_DEPTH = 32;

  private static final Set<String> NUMBERS =
      Set.of("s8", "s16", "s32", "s64", "u8", "u16", "u32", "u64", "f32", "f64");

  private final String root;

  private WitSchemas(String root) {
    this.root = root;
  }

  /**
   * The JSON Schema of {@code type}.
   *
   * @param where names the type in errors ({@code divide.a})
   * @throws GuestException if the type is not supported or nests deeper than {@value #MAX_DEPTH}
   */
  static ObjectNode schema(JsonNode type, String where) throws GuestException {
    return new WitSchemas(where).schema(type, where, 1);
  }

  private ObjectNode schema(JsonNode type, String where, int depth) throws GuestException {
    if (depth > MAX_DEPTH) {
      throw new GuestException(
          "the type of " + root + " nests deeper than " + MAX_DEPTH + " levels");
    }
    ObjectNode schema = Json.mapper().createObjectNode();
    if (type == null || type.isNull()) {
      return schema.put("type", "null");
    }
    if (type.isString()) {
      return primitive(type.asString(), schema, where);
    }
    if (!type.isObject() || type.size() != 1) {
      throw new GuestException("unsupported type at " + where + ": " + abbreviated(type));
    }
    String kind = type.propertyNames().iterator().next();
    JsonNode inner = type.get(kind);
    switch (kind) {
      case "list":
        schema.put("type", "array");
        schema.set("items", schema(inner, where + ".list", depth + 1));
        return schema;
      case "option":
        ArrayNode any = schema.putArray("anyOf");
        any.add(schema(inner, where + ".option", depth + 1));
        any.addObject().put("type", "null");
        return schema;
      case "record":
        return record(inner, schema, where, depth);
      case "result":
        return result(inner, schema, where, depth);
      case "enum":
        schema.put("type", "string");
        schema.set("enum", inner.deepCopy());
        return schema;
      case "tuple":
        schema.put("type", "array");
        ArrayNode items = schema.putArray("prefixItems");
        int index = 0;
        for (JsonNode element : inner) {
          items.add(schema(element, where + ".tuple[" + index++ + "]", depth + 1));
        }
        schema.put("minItems", index).put("maxItems", index);
        return schema;
      default:
        throw new GuestException("unsupported type '" + kind + "' at " + where);
    }
  }

  private static ObjectNode primitive(String name, ObjectNode schema, String where)
      throws GuestException {
    if (NUMBERS.contains(name)) {
      return schema.put("type", "number");
    }
    switch (name) {
      case "bool":
        return schema.put("type", "boolean");
      case "string":
        return schema.put("type", "string");
      case "char":
        return schema.put("type", "string").put("minLength", 1).put("maxLength", 1);
      default:
        throw new GuestException("unsupported type '" + name + "' at " + where);
    }
  }

  private ObjectNode record(JsonNode fields, ObjectNode schema, String where, int depth)
      throws GuestException {
    schema.put("type", "object");
    ObjectNode properties = schema.putObject("properties");
    ArrayNode required = schema.putArray("required");
    for (JsonNode field : fields) {
      String name = field.path("name").asString();
      properties.set(name, schema(field.get("type"), where + "." + name, depth + 1));
      required.add(name);
    }
    return schema;
  }

  private ObjectNode result(JsonNode cases, ObjectNode schema, String where, int depth)
      throws GuestException {
    ArrayNode oneOf = schema.putArray("oneOf");
    for (String side : new String[] {"ok", "err"}) {
      ObjectNode option = oneOf.addObject();
      option.put("type", "object");
      option
          .putObject("properties")
          .set(side, schema(cases.get(side), where + "." + side, depth + 1));
      option.putArray("required").add(side);
    }
    return schema;
  }

  /** A type as JSON for an error message, cut after 200 characters. */
  private static String abbreviated(JsonNode type) {
    String text = type.toString();
    return text.length() <= 200 ? text : text.substring(0, 200) + "…";
  }
}
