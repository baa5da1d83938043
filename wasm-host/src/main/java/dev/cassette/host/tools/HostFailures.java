package dev.cassette.host.tools;

import java.util.Objects;
import java.util.function.Consumer;
import org.apiguardian.api.API;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports what failed unexpectedly in the host (a tool handler, a load, a publication, including
 * {@link StackOverflowError} and {@link OutOfMemoryError}): one line to the host's diagnostics, and
 * the line with its stack trace to SLF4J.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class HostFailures {
  private static final Logger LOG = LoggerFactory.getLogger("dev.cassette.host");

  private final Consumer<String> diagnostics;

  /** Failures reported to {@code diagnostics} (and SLF4J). */
  public HostFailures(Consumer<String> diagnostics) {
    this.diagnostics = Objects.requireNonNull(diagnostics, "diagnostics");
  }

  /**
   * Reports that {@code what} failed with {@code failure}.
   *
   * @return the reported line: {@code <what> failed in the host: <failure>}
   */
  public String report(String what, Throwable failure) {
    String line = what + " failed in the host: " + failure;
    try {
      diagnostics.accept(line);
      LOG.error(line, failure);
    } catch (RuntimeException | Error e) {
      // reporting must not turn one failure into another; the caller still answers
    }
    return line;
  }
}
