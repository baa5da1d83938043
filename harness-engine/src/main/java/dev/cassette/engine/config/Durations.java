package dev.cassette.engine.config;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses durations written as {@code 10s}, {@code 500ms}, {@code 2m}, {@code 1h} or ISO-8601. */
final class Durations {

  private static final Pattern SHORT = Pattern.compile("(\\d+)\\s*(ms|s|m|h)");

  private Durations() {}

  static Duration parse(String text) {
    String trimmed = text.trim().toLowerCase(Locale.ROOT);
    Matcher matcher = SHORT.matcher(trimmed);
    Duration duration;
    if (matcher.matches()) {
      long amount = Long.parseLong(matcher.group(1));
      duration =
          switch (matcher.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofHours(amount);
          };
    } else {
      duration = Duration.parse(trimmed.toUpperCase(Locale.ROOT));
    }
    if (duration.isZero() || duration.isNegative()) {
      throw new IllegalArgumentException("must be positive");
    }
    return duration;
  }
}
