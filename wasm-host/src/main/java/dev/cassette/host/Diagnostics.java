package dev.cassette.host;

import java.util.ArrayDeque;
import java.util.function.Consumer;

/** The last lines the host logged, for {@code diagnosticsTail()}; optionally echoed elsewhere. */
final class Diagnostics implements Consumer<String> {
  private static final int MAX_LINES = 100;

  private final ArrayDeque<String> lines = new ArrayDeque<>();
  private final Consumer<String> echo;

  Diagnostics(Consumer<String> echo) {
    this.echo = echo;
  }

  @Override
  public synchronized void accept(String line) {
    if (lines.size() == MAX_LINES) {
      lines.removeFirst();
    }
    lines.addLast(line);
    echo.accept(line);
  }

  synchronized String tail() {
    return String.join("\n", lines);
  }
}
