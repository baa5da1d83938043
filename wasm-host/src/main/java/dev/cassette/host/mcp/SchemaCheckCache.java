package dev.cassette.host.mcp;

import dev.cassette.proxy.jsonrpc.Json;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.apiguardian.api.API;
import tools.jackson.core.JacksonException;

/**
 * The MCP SDK's JSON Schema validator with its check of a schema against the JSON Schema
 * meta-schema ({@link #validateSchema}, run by the SDK for every tool's input and output schema
 * each time a server is built or a tool added) done once per distinct schema: the outcome is kept
 * by the schema's JSON text, which is all it depends on. Validating arguments and results ({@link
 * #validate}) is left to the SDK's validator. At most {@value #SIZE} outcomes are kept, the least
 * recently used dropped first. Thread-safe; {@link #shared()} is the one instance of the JVM.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class SchemaCheckCache implements JsonSchemaValidator {
  private static final int SIZE = 512;
  private static final SchemaCheckCache SHARED =
      new SchemaCheckCache(McpJsonDefaults.getSchemaValidator());

  private final JsonSchemaValidator delegate;
  private final AtomicLong checks = new AtomicLong();
  private final AtomicLong reuses = new AtomicLong();
  private final Map<String, ValidationResponse> outcomes =
      Collections.synchronizedMap(
          new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, ValidationResponse> eldest) {
              return size() > SIZE;
            }
          });

  /** Caches the schema checks of {@code delegate}. */
  public SchemaCheckCache(JsonSchemaValidator delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  /** The instance shared by every host in the JVM, over the SDK's default validator. */
  public static SchemaCheckCache shared() {
    return SHARED;
  }

  @Override
  public ValidationResponse validate(Map<String, Object> schema, Object structuredContent) {
    return delegate.validate(schema, structuredContent);
  }

  @Override
  public ValidationResponse validateSchema(Map<String, Object> schema) {
    String text;
    try {
      text = Json.mapper().writeValueAsString(schema);
    } catch (JacksonException | IllegalArgumentException e) {
      checks.incrementAndGet();
      return delegate.validateSchema(schema);
    }
    ValidationResponse known = outcomes.get(text);
    if (known != null) {
      reuses.incrementAndGet();
      return known;
    }
    checks.incrementAndGet();
    ValidationResponse outcome = delegate.validateSchema(schema);
    outcomes.putIfAbsent(text, outcome);
    return outcome;
  }

  /** How many schemas this instance has checked against the meta-schema (not from its cache). */
  public long checksRun() {
    return checks.get();
  }

  /** How many schema checks this instance has answered from its cache. */
  public long checksReused() {
    return reuses.get();
  }
}
