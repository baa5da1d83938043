package dev.cassette.engine.match;

import dev.cassette.annotations.Flag;
import dev.cassette.annotations.Match;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads {@link MatchLayer}s from a tape's or exchange's {@code match} block and from
 * {@code @Match}.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class MatchLayers {

  private MatchLayers() {}

  /**
   * Reads a {@code match} block.
   *
   * @param block the block, or {@code null} for none
   * @throws IllegalArgumentException naming the key and value when the block holds an unknown key
   *     or a value of the wrong kind
   */
  public static MatchLayer fromJson(ObjectNode block) {
    if (block == null) {
      return MatchLayer.EMPTY;
    }
    List<String> ignorePaths = List.of();
    Boolean ignoreArrayOrder = null;
    List<String> ignoreArrayOrderPaths = List.of();
    Boolean ignoreExtraFields = null;
    BigDecimal tolerance = null;
    Boolean nullAsAbsent = null;
    Boolean jsonInText = null;
    Boolean ordered = null;
    Boolean strict = null;
    for (Map.Entry<String, JsonNode> entry : block.properties()) {
      String key = entry.getKey();
      JsonNode value = entry.getValue();
      switch (key) {
        case "ignorePaths" -> ignorePaths = strings(key, value);
        case "ignoreArrayOrder" -> {
          if (value.isBoolean()) {
            ignoreArrayOrder = value.booleanValue();
          } else {
            ignoreArrayOrderPaths = strings(key, value);
          }
        }
        case "ignoreExtraFields" -> ignoreExtraFields = bool(key, value);
        case "numericTolerance" -> tolerance = tolerance(key, value);
        case "nullAsAbsent" -> nullAsAbsent = bool(key, value);
        case "jsonInText" -> jsonInText = bool(key, value);
        case "strict" -> strict = bool(key, value);
        case "notifications" -> ordered = notifications(value);
        default ->
            throw new IllegalArgumentException(
                "unknown match setting \""
                    + key
                    + "\" (known: ignorePaths, ignoreArrayOrder, ignoreExtraFields,"
                    + " numericTolerance, nullAsAbsent, jsonInText, notifications, strict)");
      }
    }
    return new MatchLayer(
        ignorePaths,
        ignoreArrayOrder,
        ignoreArrayOrderPaths,
        ignoreExtraFields,
        tolerance,
        nullAsAbsent,
        jsonInText,
        ordered,
        strict);
  }

  /** Reads a {@code @Match} annotation; {@code null} gives a layer that sets nothing. */
  public static MatchLayer fromAnnotation(Match match) {
    if (match == null) {
      return MatchLayer.EMPTY;
    }
    return new MatchLayer(
        List.of(match.ignorePaths()),
        flag(match.ignoreArrayOrder()),
        List.of(match.ignoreArrayOrderPaths()),
        flag(match.ignoreExtraFields()),
        match.numericTolerance() < 0 ? null : BigDecimal.valueOf(match.numericTolerance()),
        flag(match.nullAsAbsent()),
        flag(match.jsonInText()),
        flag(match.orderedNotifications()),
        flag(match.strict()));
  }

  /** Parses {@code ordered} or {@code unordered}. */
  public static boolean parseNotificationOrder(String value) {
    return switch (value) {
      case "ordered" -> true;
      case "unordered" -> false;
      default ->
          throw new IllegalArgumentException(
              "expected \"ordered\" or \"unordered\" but was \"" + value + "\"");
    };
  }

  private static Boolean flag(Flag flag) {
    return switch (flag) {
      case INHERIT -> null;
      case TRUE -> Boolean.TRUE;
      case FALSE -> Boolean.FALSE;
    };
  }

  private static Boolean notifications(JsonNode value) {
    if (!value.isString()) {
      throw wrongKind("notifications", "\"ordered\" or \"unordered\"", value);
    }
    try {
      return parseNotificationOrder(value.stringValue());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("match setting \"notifications\": " + e.getMessage(), e);
    }
  }

  private static Boolean bool(String key, JsonNode value) {
    if (!value.isBoolean()) {
      throw wrongKind(key, "true or false", value);
    }
    return value.booleanValue();
  }

  private static BigDecimal tolerance(String key, JsonNode value) {
    if (!value.isNumber() || value.decimalValue().signum() < 0) {
      throw wrongKind(key, "a number >= 0", value);
    }
    return value.decimalValue();
  }

  private static List<String> strings(String key, JsonNode value) {
    if (value.isString()) {
      return List.of(value.stringValue());
    }
    if (!value.isArray()) {
      throw wrongKind(key, "a path or an array of paths", value);
    }
    List<String> result = new ArrayList<>();
    for (JsonNode element : value) {
      if (!element.isString()) {
        throw wrongKind(key, "a path or an array of paths", value);
      }
      result.add(element.stringValue());
    }
    return result;
  }

  private static IllegalArgumentException wrongKind(String key, String expected, JsonNode value) {
    return new IllegalArgumentException(
        "match setting \"" + key + "\" must be " + expected + " but was " + value);
  }
}
