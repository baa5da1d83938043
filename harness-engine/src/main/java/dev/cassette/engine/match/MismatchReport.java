package dev.cassette.engine.match;

import java.util.ArrayList;
import java.util.List;
import org.apiguardian.api.API;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.MultipleFailuresError;

/**
 * Turns the differences of one exchange into the assertion error JUnit reports: a header naming the
 * exchange, the tape file and line, one line per difference ({@code "path" expected: <…> but was:
 * <…>}), and the matcher settings in force.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class MismatchReport {

  private MismatchReport() {}

  /**
   * Builds the error.
   *
   * @param exchange the exchange's display name, for example {@code tools/call echo (#3)}
   * @param where the tape and position, for example {@code tapes/echo.tape.json:12:5}
   * @param notes extra lines (unexpected server requests, obsolete tools), may be empty
   * @param differences the differences, at least one unless {@code notes} is not empty
   * @param settings the settings in force
   * @return an {@link AssertionFailedError} for one difference, else a {@link
   *     MultipleFailuresError}
   */
  public static AssertionError toError(
      String exchange,
      String where,
      List<String> notes,
      List<Difference> differences,
      MatchSettings settings) {
    String header = exchange + " does not match the tape at " + where;
    String footer = "matchers: " + settings.describe();
    if (differences.size() == 1 && notes.isEmpty()) {
      Difference only = differences.get(0);
      return new AssertionFailedError(
          header + "\n  " + only.describe() + "\n  " + footer, only.expected(), only.actual());
    }
    List<Throwable> failures = new ArrayList<>();
    for (String note : notes) {
      failures.add(new AssertionFailedError(note));
    }
    for (Difference difference : differences) {
      failures.add(
          new AssertionFailedError(
              difference.describe(), difference.expected(), difference.actual()));
    }
    return new MultipleFailuresError(header + "\n  " + footer + "\n ", failures);
  }
}
