package dev.cassette.bench;

import dev.cassette.engine.Constants;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Replay time of the real-Wassette tape suite {@code tapes/wassette/}: {@code cassette verify} as a
 * user runs it (a fresh JVM each time, wall time of the process), then once through the engine in
 * this JVM with stopwatches around the server ({@link ReplayRun}, timed), to show how much of it is
 * Wassette's start-up.
 */
final class WassetteReplay {
  private static final String HERMETIC_RUN = "test-peers/wassette/hermetic-run.sh";

  private final Path root;
  private final Path jar;
  private final Path work;
  private final PrintStream out;

  WassetteReplay(Path root, Path jar, Path work, PrintStream out) {
    this.root = root;
    this.jar = jar;
    this.work = work;
    this.out = out;
  }

  /** Runs {@code cassette verify tapes/wassette/} {@code times} times, then the timed run. */
  void run(int times) throws IOException, InterruptedException {
    if (times <= 0) {
      return;
    }
    out.printf(Locale.ROOT, "%nReplay of tapes/wassette/ (%d runs of cassette verify)%n", times);
    double[] seconds = new double[times];
    for (int i = 0; i < times; i++) {
      long start = System.nanoTime();
      String summary = verify();
      seconds[i] = (System.nanoTime() - start) / 1e9;
      out.printf(
          Locale.ROOT,
          "  run %d: %.2f s wall, load %.1f: %s%n",
          i + 1,
          seconds[i],
          Loads.now(),
          summary);
    }
    double[] sorted = seconds.clone();
    Arrays.sort(sorted);
    out.printf(
        Locale.ROOT,
        "  cassette verify: median %.2f s, min %.2f s, max %.2f s%n",
        sorted[times / 2],
        sorted[0],
        sorted[times - 1]);
    ReplayRun.Result timed =
        ReplayRun.run(
            root.resolve("tapes/wassette"),
            4,
            Map.of(
                Constants.RECORD_PROPERTY_NAME,
                "none",
                Constants.SERVER_WORKING_DIRECTORY_PROPERTY_NAME,
                root.toString(),
                Constants.SERVER_ALLOWED_COMMANDS_PROPERTY_NAME,
                HERMETIC_RUN),
            true);
    out.println("  " + Figures.line("engine in this JVM (timed)", timed, Loads.now()));
    out.println(Figures.breakdown(timed));
  }

  /** One {@code cassette verify} process; returns its summary line. */
  private String verify() throws IOException, InterruptedException {
    List<String> command =
        new ArrayList<>(
            List.of(
                "java",
                "-jar",
                jar.toString(),
                "verify",
                "--record",
                "none",
                "--allow-command",
                HERMETIC_RUN,
                "--reports-dir",
                work.resolve("reports").toString(),
                "tapes/wassette/"));
    Process process =
        new ProcessBuilder(command)
            .directory(root.toFile())
            .redirectErrorStream(true)
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
      process.destroyForcibly();
      throw new IllegalStateException("cassette verify tapes/wassette/ failed:\n" + output);
    }
    return output
        .lines()
        .filter(line -> line.contains(" tapes, "))
        .reduce((a, b) -> b)
        .orElse("(no summary line)");
  }
}
