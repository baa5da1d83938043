package dev.cassette.engine.jupiter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cassette.engine.jupiter.fixtures.EchoFixture;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.Events;

/** Recording a tape that did not exist says so on one line of stderr and in a report entry. */
@ResourceLock(Resources.SYSTEM_ERR)
class NewTapeAnnouncementTest {

  @TempDir Path tapes;

  @Test
  void recordingANewTapePrintsOneLineNamingTheFileAndItsExchanges() {
    Path tape = tapes.resolve("echo/hello.tape.json");

    Captured first = captureStderr(() -> TestKit.run(EchoFixture.class, tapes, Map.of()));

    first.events().assertStatistics(stats -> stats.succeeded(1).failed(0));
    assertThat(first.stderr().lines().filter(line -> line.startsWith("cassette:")))
        .containsExactly("cassette: recorded new tape " + tape + " (3 exchanges)");
    assertThat(first.events().reportingEntryPublished().stream())
        .map(event -> event.getRequiredPayload(ReportEntry.class).getKeyValuePairs())
        .containsExactly(Map.of("cassette.tape", "recorded new tape: echo/hello.tape.json"));

    Captured second = captureStderr(() -> TestKit.run(EchoFixture.class, tapes, Map.of()));

    second.events().assertStatistics(stats -> stats.succeeded(1).failed(0));
    assertThat(second.stderr()).as("verifying an existing tape prints nothing").isEmpty();
  }

  private record Captured(Events events, String stderr) {}

  private static Captured captureStderr(Supplier<Events> run) {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    PrintStream original = System.err;
    System.setErr(new PrintStream(buffer, true, StandardCharsets.UTF_8));
    try {
      Events events = run.get();
      return new Captured(events, buffer.toString(StandardCharsets.UTF_8));
    } finally {
      System.setErr(original);
    }
  }
}
