package dev.cassette.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./cassette} launcher script: concurrent first starts run one build and all start.
 *
 * <p>The script runs in a copy of the project's layout whose {@code mvn} is a stand-in on the
 * {@code PATH}: a real build inside this build would rewrite the jars under test. The stand-in
 * counts its runs, takes a while like a real build and writes a runnable jar where Maven's shade
 * plugin would.
 */
class LauncherTest {

  private static final String FAKE_MVN =
      """
      #!/usr/bin/env bash
      set -eu
      echo run >> "$MVN_RUNS"
      sleep 2
      mkdir -p cli/target
      work=$(mktemp -d)
      printf 'public class Hello { public static void main(String[] a) {'\
      ' System.out.println("started " + String.join(" ", a)); } }' > "$work/Hello.java"
      javac -d "$work" "$work/Hello.java"
      rm -f cli/target/cassette.jar
      jar --create --file cli/target/cassette.jar --main-class Hello -C "$work" Hello.class
      """;

  @TempDir Path root;

  @Test
  void concurrentFirstStartsRunOneBuildAndAllStart() throws Exception {
    Path script = root.resolve("cassette");
    Files.copy(Path.of("..", "cassette"), script);
    Files.writeString(root.resolve("pom.xml"), "<project/>");
    Files.createDirectories(root.resolve("cli/src/main"));
    Path bin = Files.createDirectories(root.resolve("bin"));
    Path mvn = bin.resolve("mvn");
    Files.writeString(mvn, FAKE_MVN);
    assertThat(mvn.toFile().setExecutable(true)).isTrue();
    Path runs = root.resolve("mvn-runs");

    List<Process> starts = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      ProcessBuilder builder = new ProcessBuilder("bash", script.toString(), "verify", "#" + i);
      builder.environment().put("PATH", bin + ":" + System.getenv("PATH"));
      builder.environment().put("MVN_RUNS", runs.toString());
      builder.redirectErrorStream(true);
      starts.add(builder.start());
    }
    for (int i = 0; i < starts.size(); i++) {
      Process start = starts.get(i);
      assertThat(start.waitFor(60, TimeUnit.SECONDS)).as("start #%d ended", i).isTrue();
      String output = output(start);
      assertThat(start.exitValue()).as(output).isZero();
      assertThat(output).contains("started verify #" + i);
    }
    assertThat(Files.readAllLines(runs)).as("builds run").hasSize(1);
    assertThat(root.resolve("cli/target/launcher/cassette.jar")).isRegularFile();
  }

  private static String output(Process process) throws IOException {
    return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
  }
}
