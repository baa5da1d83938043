package dev.cassette.host.tools;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Input schemas of the built-in tools, as plain maps for the SDK, with Wassette's wording and key
 * order.
 */
final class BuiltinSchemas {
  private BuiltinSchemas() {}

  /** One named property of an object schema. */
  record Property(String name, Map<String, Object> schema) {}

  static Property property(String name, Map<String, Object> schema) {
    return new Property(name, schema);
  }

  /** An object schema with {@code properties} in the order given, requiring {@code required}. */
  static Map<String, Object> object(List<Property> properties, String... required) {
    Map<String, Object> props = new LinkedHashMap<>();
    properties.forEach(p -> props.put(p.name(), p.schema()));
    Map<String, Object> schema = new LinkedHashMap<>();
    schema.put("type", "object");
    schema.put("properties", props);
    schema.put("required", List.of(required));
    return schema;
  }

  static Map<String, Object> string(String description) {
    Map<String, Object> schema = new LinkedHashMap<>();
    schema.put("type", "string");
    if (description != null) {
      schema.put("description", description);
    }
    return schema;
  }

  static Map<String, Object> componentOnly(String description) {
    return object(List.of(property("component_id", string(description))), "component_id");
  }

  /** {@code {component_id, details: {...}}} with {@code details} closed to other fields. */
  static Map<String, Object> withDetails(
      String componentDescription, List<Property> details, String... requiredDetails) {
    Map<String, Object> detailsSchema = object(details, requiredDetails);
    detailsSchema.put("additionalProperties", false);
    return object(
        List.of(
            property("component_id", string(componentDescription)),
            property("details", detailsSchema)),
        "component_id",
        "details");
  }

  static Map<String, Object> accessList() {
    Map<String, Object> items = new LinkedHashMap<>();
    items.put("type", "string");
    items.put("enum", List.of("read", "write"));
    Map<String, Object> schema = new LinkedHashMap<>();
    schema.put("type", "array");
    schema.put("items", items);
    schema.put(
        "description",
        "Access type for the storage resource, this must be an array of strings with values"
            + " 'read' or 'write'");
    return schema;
  }
}
