package dev.cassette.annotations;

import org.apiguardian.api.API;

/**
 * When tapes are recorded: the values of {@code cassette.record} (written in lower case) and of
 * {@link Tape#record()}.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public enum RecordMode {
  /**
   * For {@link Tape#record()} only: follow {@code cassette.record} (or {@code CASSETTE_RECORD}, or
   * the {@code CI} default). Not a value of {@code cassette.record}.
   */
  DEFAULT,
  /** Verify only; a missing tape fails. The default when the {@code CI} variable is set. */
  NONE,
  /** Record missing tapes, verify the rest. The default locally. */
  NEW,
  /** Re-record every selected tape against the live server. */
  ALL,
  /** Verify, and re-record the tapes whose responses no longer match. */
  FAILING
}
