package dev.cassette.proxy.jsonrpc;

import java.nio.charset.StandardCharsets;
import org.apiguardian.api.API;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one Jackson configuration Cassette uses for MCP messages and tapes.
 *
 * <p>It keeps a message exact: decimals are read as {@link java.math.BigDecimal} with their scale,
 * integers of any size stay exact, object key order is kept, and duplicate keys are rejected.
 * Strings may be as long as a line the transport accepts.
 */
@API(status = API.Status.INTERNAL)
public final class Json {

  /**
   * Strings are as long as a message allows: lines are bounded by the transport ({@code
   * TransportOptions.maxLineBytes}, which may be raised to 2 GiB), not by Jackson's default of 100
   * million characters, which made a valid 100 MB tool result "not JSON".
   */
  private static final StreamReadConstraints CONSTRAINTS =
      StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build();

  private static final JsonMapper MAPPER =
      JsonMapper.builder(JsonFactory.builder().streamReadConstraints(CONSTRAINTS).build())
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
          .build();

  private Json() {}

  /** The shared, thread-safe mapper. */
  public static JsonMapper mapper() {
    return MAPPER;
  }

  /** Parses one JSON text; throws {@link JacksonException} with a location when it is malformed. */
  public static JsonNode parse(String text) {
    return MAPPER.readTree(text);
  }

  /** Parses one JSON text from UTF-8 bytes. */
  public static JsonNode parse(byte[] utf8) {
    return MAPPER.readTree(utf8);
  }

  /** Writes a tree compactly, as one line, in the order its keys were read. */
  public static String compact(JsonNode node) {
    return MAPPER.writeValueAsString(node);
  }

  /** Compact UTF-8 bytes of a tree. */
  public static byte[] compactBytes(JsonNode node) {
    return compact(node).getBytes(StandardCharsets.UTF_8);
  }
}
