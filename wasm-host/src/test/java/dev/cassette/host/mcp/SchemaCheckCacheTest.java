package dev.cassette.host.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SchemaCheckCacheTest {
  /** The SDK's validator, recording the schemas it checks against the meta-schema. */
  private static final class Recording implements JsonSchemaValidator {
    final JsonSchemaValidator sdk = McpJsonDefaults.getSchemaValidator();
    final List<Map<String, Object>> checked = new ArrayList<>();

    @Override
    public ValidationResponse validate(Map<String, Object> schema, Object content) {
      return sdk.validate(schema, content);
    }

    @Override
    public ValidationResponse validateSchema(Map<String, Object> schema) {
      checked.add(schema);
      return sdk.validateSchema(schema);
    }
  }

  private static Map<String, Object> objectOf(String property, String type) {
    Map<String, Object> schema = new LinkedHashMap<>();
    schema.put("type", "object");
    schema.put("properties", Map.of(property, Map.of("type", type)));
    schema.put("required", List.of(property));
    return schema;
  }

  @Test
  void checksEachDistinctSchemaOnce() {
    Recording sdk = new Recording();
    SchemaCheckCache cache = new SchemaCheckCache(sdk);
    assertThat(cache.validateSchema(objectOf("a", "number")).valid()).isTrue();
    assertThat(cache.validateSchema(objectOf("a", "number")).valid()).isTrue();
    assertThat(sdk.checked).hasSize(1);
    assertThat(cache.validateSchema(objectOf("b", "number")).valid()).isTrue();
    assertThat(sdk.checked).hasSize(2);
    assertThat(cache.checksRun()).isEqualTo(2);
    assertThat(cache.checksReused()).isEqualTo(1);
  }

  @Test
  void keepsInvalidOutcomesInvalid() {
    Recording sdk = new Recording();
    SchemaCheckCache cache = new SchemaCheckCache(sdk);
    Map<String, Object> broken = objectOf("a", "no-such-type");
    var first = cache.validateSchema(broken);
    var again = cache.validateSchema(objectOf("a", "no-such-type"));
    assertThat(first.valid()).isFalse();
    assertThat(again.valid()).isFalse();
    assertThat(again.errorMessage()).isEqualTo(first.errorMessage());
    assertThat(sdk.checked).hasSize(1);
    assertThatThrownBy(() -> cache.assertConforms("input schema of tool t", broken))
        .isInstanceOf(RuntimeException.class);
    assertThat(sdk.checked).hasSize(1);
  }

  @Test
  void leavesArgumentValidationToTheSdk() {
    SchemaCheckCache cache = new SchemaCheckCache(new Recording());
    assertThat(cache.validate(objectOf("a", "number"), Map.of("a", 1)).valid()).isTrue();
    assertThat(cache.validate(objectOf("a", "number"), Map.of("a", "one")).valid()).isFalse();
  }
}
