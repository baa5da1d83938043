package dev.cassette.proxy.tape;

import org.apiguardian.api.API;

/**
 * A 1-based line and column in a tape file.
 *
 * @param line the line, from 1
 * @param column the column, from 1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record SourcePosition(int line, int column) {
  /** Checks that both are positive. */
  public SourcePosition {
    if (line < 1) {
      throw new IllegalArgumentException("line must be >= 1 but was " + line);
    }
    if (column < 1) {
      throw new IllegalArgumentException("column must be >= 1 but was " + column);
    }
  }

  @Override
  public String toString() {
    return line + ":" + column;
  }
}
