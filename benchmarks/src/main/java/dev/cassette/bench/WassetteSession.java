package dev.cassette.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * One fresh Wassette session through one path of a {@link WassetteBenchmark}: the command (Wassette
 * itself, or a relay or {@code cassette record} in front of it), its client, and how it is stopped:
 * {@code cassette record} ends by itself once its input closes (it stops Wassette and writes the
 * tape); Wassette and the C relay get SIGTERM at once, since Wassette ignores a closed input.
 */
final class WassetteSession {
  private static final Duration RECORDER_EXIT_WAIT = Duration.ofSeconds(60);

  private final String name;
  private final StdioClient client;
  private final Path tape;

  private WassetteSession(String name, StdioClient client, Path tape) {
    this.name = name;
    this.client = client;
    this.tape = tape;
  }

  /** How long a session took from launch to its first answers. */
  record Started(long initializeNanos, StdioClient.Ready ready) {}

  /** Launches {@code command} in {@code root}; its stderr goes to a log in {@code work}. */
  static WassetteSession launch(String name, List<String> command, Path root, Path work)
      throws IOException {
    int output = command.indexOf("-o");
    Path tape =
        command.get(0).equals("java") && output > 0 ? Path.of(command.get(output + 1)) : null;
    if (tape != null) {
      Files.deleteIfExists(tape);
    }
    Path log = work.resolve(name.replaceAll("[^A-Za-z]+", "-") + ".log");
    return new WassetteSession(name, StdioClient.launch(command, root, log), tape);
  }

  /** Initializes the session and waits until {@code tool} answers as expected. */
  Started start(String tool, String argumentsJson, String expectedText, Duration timeout)
      throws IOException {
    long initialize = client.initialize();
    return new Started(initialize, client.awaitTool(tool, argumentsJson, expectedText, timeout));
  }

  StdioClient client() {
    return client;
  }

  /** Stops the session; a recorder must exit by itself, and one that records must write a tape. */
  void stop() throws IOException, InterruptedException {
    boolean exited = client.close(tape != null ? RECORDER_EXIT_WAIT : Duration.ZERO);
    if (tape == null) {
      return;
    }
    if (!exited) {
      throw new IllegalStateException(name + " did not exit within " + RECORDER_EXIT_WAIT);
    }
    if (name.endsWith("recording on") && (!Files.exists(tape) || Files.size(tape) == 0)) {
      throw new IllegalStateException(name + " wrote no tape at " + tape);
    }
  }
}
