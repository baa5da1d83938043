package dev.cassette.proxy.match;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;
import org.apiguardian.api.API;

/**
 * Matches a tape's {@code ${json-unit.regex}} pattern against a live value within a time budget, so
 * a pattern with catastrophic backtracking (for example {@code (a+)+$}) fails its exchange as too
 * slow instead of hanging the run.
 *
 * <p>{@link java.util.regex} cannot be interrupted, but it reads its input only through {@link
 * CharSequence#charAt}; the input is wrapped in a sequence that checks the clock every few thousand
 * reads and throws once the budget is spent.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class BoundedRegex {

  /** How long one placeholder may take to match one value. */
  public static final Duration BUDGET = Duration.ofSeconds(1);

  /** The prefix of a regex placeholder in a recorded string. */
  public static final String PLACEHOLDER = "${json-unit.regex}";

  /** json-unit's own syntax for a regex placeholder: {@code ${…}} or {@code #{…}}, one line. */
  private static final Pattern PLACEHOLDER_SYNTAX =
      Pattern.compile("[$#]\\{json-unit.regex\\}(.*)");

  private static final int READS_PER_CLOCK_CHECK = 4096;

  private BoundedRegex() {}

  /** The pattern of a regex placeholder as json-unit reads it, or {@code null} if it is none. */
  public static String patternOf(String recorded) {
    if (recorded == null || recorded.length() < PLACEHOLDER.length()) {
      return null;
    }
    var matcher = PLACEHOLDER_SYNTAX.matcher(recorded);
    return matcher.matches() ? matcher.group(1) : null;
  }

  /**
   * Whether {@code input} matches {@code regex} entirely, deciding within {@link #BUDGET}.
   *
   * @throws java.util.regex.PatternSyntaxException if {@code regex} is not a pattern
   * @throws TooSlowException if matching takes longer than the budget
   */
  public static boolean matches(String regex, String input) {
    return matches(regex, input, BUDGET);
  }

  /**
   * Whether {@code input} matches {@code regex} entirely, deciding within {@code budget}.
   *
   * @throws java.util.regex.PatternSyntaxException if {@code regex} is not a pattern
   * @throws TooSlowException if matching takes longer than the budget
   */
  public static boolean matches(String regex, String input, Duration budget) {
    Objects.requireNonNull(regex, "regex");
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(budget, "budget");
    Pattern pattern = Pattern.compile(regex);
    Deadline deadline = new Deadline(regex, budget);
    try {
      return pattern.matcher(new TimedText(input, 0, input.length(), deadline)).matches();
    } catch (StackOverflowError e) {
      throw new TooSlowException(regex, budget);
    }
  }

  /** Says how long {@code budget} is, as messages show it: {@code 1 s}, {@code 250 ms}. */
  public static String describe(Duration budget) {
    long millis = budget.toMillis();
    return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
  }

  /**
   * A regex placeholder took longer than its budget to match a live value.
   *
   * <p>The message reads {@code pattern <regex> took longer than 1 s}; callers add where.
   */
  @API(status = API.Status.INTERNAL, since = "0.1")
  public static final class TooSlowException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String regex;
    private final transient Duration budget;

    TooSlowException(String regex, Duration budget) {
      super("pattern <" + regex + "> took longer than " + describe(budget));
      this.regex = regex;
      this.budget = budget;
    }

    /** The pattern that was too slow. */
    public String regex() {
      return regex;
    }

    /** The budget it exceeded. */
    public Duration budget() {
      return budget;
    }
  }

  private static final class Deadline {
    private final String regex;
    private final Duration budget;
    private final long endNanos;
    private int reads;

    Deadline(String regex, Duration budget) {
      this.regex = regex;
      this.budget = budget;
      this.endNanos = System.nanoTime() + budget.toNanos();
    }

    void tick() {
      if (++reads % READS_PER_CLOCK_CHECK == 0 && System.nanoTime() - endNanos > 0) {
        throw new TooSlowException(regex, budget);
      }
    }
  }

  /** The live value as the regex engine sees it: every read counts towards the deadline. */
  private record TimedText(String text, int from, int to, Deadline deadline)
      implements CharSequence {

    @Override
    public int length() {
      return to - from;
    }

    @Override
    public char charAt(int index) {
      deadline.tick();
      return text.charAt(from + index);
    }

    @Override
    public CharSequence subSequence(int start, int end) {
      Objects.checkFromToIndex(start, end, length());
      return new TimedText(text, from + start, from + end, deadline);
    }

    @Override
    public String toString() {
      return text.substring(from, to);
    }
  }
}
