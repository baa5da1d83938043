package dev.cassette.engine.match;

/**
 * Excerpts of a recorded and a live value for a one-line difference. A value of up to {@value
 * #WHOLE_CHARS} characters is shown whole; a longer one is cut to a window of {@value
 * #WINDOW_CHARS} characters centred on the first character where the two values differ, the same
 * window in both, as JUnit and AssertJ show long strings, so that the excerpts differ where the
 * values do. A cut is marked {@code …} and the value's length follows: {@code …ok":42.0}… (5012
 * chars)}.
 */
final class ValueExcerpts {

  /** Values up to this long are shown whole. */
  static final int WHOLE_CHARS = 200;

  /** How much of a longer value is shown, around the first difference. */
  static final int WINDOW_CHARS = 120;

  private ValueExcerpts() {}

  /** The excerpt of {@code value} (either side) against {@code other} (the other side). */
  static String of(String value, String other) {
    if (value == null || value.length() <= WHOLE_CHARS) {
      return value;
    }
    int start = Math.max(0, firstDifference(value, other) - WINDOW_CHARS / 2);
    if (start > 0 && Character.isLowSurrogate(value.charAt(start))) {
      start--;
    }
    int end = Math.min(value.length(), start + WINDOW_CHARS);
    if (end < value.length() && Character.isHighSurrogate(value.charAt(end - 1))) {
      end--;
    }
    return (start > 0 ? "…" : "")
        + value.substring(start, end)
        + (end < value.length() ? "…" : "")
        + " ("
        + value.length()
        + " chars)";
  }

  /** The index of the first character where the two differ (the shorter one's length if none). */
  static int firstDifference(String value, String other) {
    if (other == null) {
      return 0;
    }
    int shorter = Math.min(value.length(), other.length());
    for (int i = 0; i < shorter; i++) {
      if (value.charAt(i) != other.charAt(i)) {
        return i;
      }
    }
    return shorter;
  }
}
