package dev.cassette.engine.config;

import java.util.Locale;
import org.apiguardian.api.API;

/** What the engine does with tapes: verify them, or (re-)record them from live traffic. */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public enum RecordMode {
  /** Verify only; a missing tape fails. The default when the {@code CI} variable is set. */
  NONE,
  /** Record missing tapes, verify the rest. The default locally. */
  NEW,
  /** Re-record every selected tape against the live server. */
  ALL,
  /** Verify, and re-record the tapes whose responses no longer match. */
  FAILING;

  /**
   * The mode written as {@code value} in configuration ({@code none}, {@code new}, {@code all},
   * {@code failing}; case and surrounding blanks do not matter).
   *
   * @throws IllegalArgumentException listing the valid values
   */
  public static RecordMode parse(String value) {
    return Values.enumValue(RecordMode.class, value);
  }

  /** The name as written in configuration, lower case. */
  public String configValue() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Whether differences are written to the tape instead of failing. */
  public boolean rewritesTapes() {
    return this == ALL || this == FAILING;
  }
}
