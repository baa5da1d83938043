package dev.cassette.engine.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apiguardian.api.API;

/**
 * Parses durations written as {@code 10s}, {@code 500ms}, {@code 2m}, {@code 1h} or ISO-8601 {@code
 * PT10S}, the one syntax of {@code cassette.timeout}, {@code cassette.server.startupTimeout} and
 * {@code cassette verify --timeout}.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class Durations {

  /** The valid values, as error messages give them. */
  public static final String VALID_VALUES =
      "expected a positive duration: 10s, 500ms, 2m, 1h or ISO-8601 PT10S";

  private static final Pattern SHORT = Pattern.compile("(\\d+)\\s*(ms|s|m|h)");

  private Durations() {}

  /**
   * Parses {@code text}.
   *
   * @throws IllegalArgumentException with {@link #VALID_VALUES} when it is no positive duration
   */
  public static Duration parse(String text) {
    String trimmed = text.trim().toLowerCase(Locale.ROOT);
    Matcher matcher = SHORT.matcher(trimmed);
    Duration duration;
    try {
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
    } catch (DateTimeParseException | ArithmeticException | NumberFormatException e) {
      throw new IllegalArgumentException(VALID_VALUES, e);
    }
    if (duration.isZero() || duration.isNegative()) {
      throw new IllegalArgumentException(VALID_VALUES);
    }
    return duration;
  }

  /** {@code 10 s}, {@code 500 ms}: how messages show a duration. */
  public static String describe(Duration duration) {
    long millis = duration.toMillis();
    return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
  }
}
