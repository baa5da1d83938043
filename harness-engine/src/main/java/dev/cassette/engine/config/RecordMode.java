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

  /** The name as written in configuration, lower case. */
  public String configValue() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Whether differences are written to the tape instead of failing. */
  public boolean rewritesTapes() {
    return this == ALL || this == FAILING;
  }
}
