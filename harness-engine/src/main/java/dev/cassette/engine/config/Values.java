package dev.cassette.engine.config;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Parsers of setting values; each failure says what the valid values are. */
final class Values {

  private Values() {}

  static Boolean strictBoolean(String value) {
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "true" -> Boolean.TRUE;
      case "false" -> Boolean.FALSE;
      default -> throw new IllegalArgumentException("expected true or false");
    };
  }

  static BigDecimal tolerance(String value) {
    BigDecimal tolerance;
    try {
      tolerance = new BigDecimal(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("expected a number >= 0", e);
    }
    if (tolerance.signum() < 0) {
      throw new IllegalArgumentException("expected a number >= 0");
    }
    return tolerance;
  }

  /**
   * The constant of {@code type} named {@code value}, case-insensitively.
   *
   * @throws IllegalArgumentException listing the valid values
   */
  static <E extends Enum<E>> E enumValue(Class<E> type, String value) {
    return enumValue(EnumSet.allOf(type), value);
  }

  /**
   * The constant of {@code valid} named {@code value}, case-insensitively.
   *
   * @throws IllegalArgumentException listing the valid values
   */
  static <E extends Enum<E>> E enumValue(Set<E> valid, String value) {
    String name = value.trim().toUpperCase(Locale.ROOT);
    List<String> names = new ArrayList<>();
    for (E constant : valid) {
      if (constant.name().equals(name)) {
        return constant;
      }
      names.add(constant.name().toLowerCase(Locale.ROOT));
    }
    throw new IllegalArgumentException("expected one of " + String.join(", ", names));
  }

  static List<String> list(String value) {
    List<String> result = new ArrayList<>();
    for (String part : value.split(",")) {
      if (!part.isBlank()) {
        result.add(part.trim());
      }
    }
    return result;
  }
}
