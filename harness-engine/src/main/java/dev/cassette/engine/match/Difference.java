package dev.cassette.engine.match;

import dev.cassette.proxy.match.BoundedRegex;
import org.apiguardian.api.API;

/**
 * One difference between a recorded and a live message.
 *
 * @param path the JSON path where they differ, for example {@code result.content[0].text}
 * @param kind what differs
 * @param expected the recorded value, rendered as JSON (or a phrase such as {@code no field})
 * @param actual the live value, rendered as JSON (or a phrase such as {@code nothing})
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record Difference(String path, Kind kind, String expected, String actual) {

  /** The kinds of difference, as json-unit names them. */
  public enum Kind {
    /** The values differ. */
    DIFFERENT,
    /** The tape holds a value the live message lacks. */
    MISSING,
    /** The live message holds a value the tape lacks. */
    EXTRA,
    /**
     * A {@code ${json-unit.regex}} placeholder (the {@code expected} value, as the tape holds it)
     * took longer than {@link BoundedRegex#BUDGET} to match the live value.
     */
    TOO_SLOW
  }

  /** A copy whose path is prefixed, for differences inside a larger document. */
  public Difference under(String prefix) {
    return new Difference(path.isEmpty() ? prefix : prefix + "." + path, kind, expected, actual);
  }

  /**
   * One line in json-unit's style: {@code "path" expected: <…> but was: <…>}. Values of up to 200
   * characters are shown whole; of longer ones, the same 120 characters of both around the first
   * character where they differ, with the value's length. A placeholder that was too slow reads
   * {@code placeholder ${json-unit.regex}… at $.path took longer than 1 s to match <…>; simplify
   * the pattern}.
   */
  public String describe() {
    if (kind == Kind.TOO_SLOW) {
      return "placeholder "
          + ValueExcerpts.of(expected, null)
          + " at $"
          + (path.isEmpty() || path.startsWith("[") ? "" : ".")
          + path
          + " took longer than "
          + BoundedRegex.describe(BoundedRegex.BUDGET)
          + " to match <"
          + ValueExcerpts.of(actual, null)
          + ">; simplify the pattern";
    }
    return "\""
        + path
        + "\" expected: <"
        + ValueExcerpts.of(expected, actual)
        + "> but was: <"
        + ValueExcerpts.of(actual, expected)
        + ">";
  }
}
