package dev.cassette.host.tools;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Input schemas of the built-in tools, as plain maps for the SDK. */
final class BuiltinSchemas {
  private BuiltinSchemas() {}

  static Map<String, Object> object(Map<String, Object> properties, String... required) {
    Map<String, Object> schema = new LinkedHashMap<>();
    schema.put("type", "object");
    schema.put("properties", new java.util.TreeMap<>(properties));
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
    return object(Map.of("component_id", string(description)), "component_id");
  }

  /** {@code {component_id, details: {...}}} with {@code details} closed to other fields. */
  static Map<String, Object> withDetails(
      String componentDescription, Map<String, Object> details, String... requiredDetails) {
    Map<String, Object> detailsSchema = object(details, requiredDetails);
    detailsSchema.put("additionalProperties", false);
    return object(
        Map.of("component_id", string(componentDescription), "details", detailsSchema),
        "component_id",
        "details");
  }

  static Map<String, Object> accessList() {
    Map<String, Object> schema = new LinkedHashMap<>();
    schema.put("type", "array");
    schema.put("items", Map.of("type", "string", "enum", List.of("read", "write")));
    schema.put(
        "description",
        "Access type for the storage resource, this must be an array of strings with values"
            + " 'read' or 'write'");
    return schema;
  }
}
