package dev.cassette.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cassette.proxy.record.Recorder;
import dev.cassette.proxy.tape.Exchange;
import dev.cassette.proxy.tape.Tape;
import dev.cassette.proxy.tape.TapeCodec;
import dev.cassette.proxy.transport.TestPeers;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * {@code cassette record} between the TypeScript SDK v2 client and a 2026-07-28 server written with
 * the TypeScript SDK v2: the client launches {@code cassette record -o … -- node server.mjs} as its
 * server, exactly as a user configures an MCP client, and the stateless session (server/discover,
 * per-request {@code _meta}, an MRTR round, progress) is relayed and recorded.
 */
class RecordStatelessSessionTest {

  private static final long TIMEOUT_SECONDS = 90;

  @TempDir Path dir;

  /** The fixture scripts, kept with the engine's stateless-era tests. */
  private static Path fixture(String name) {
    return TestPeers.repository()
        .resolve("harness-engine/src/test/resources/dev/cassette/engine/stateless")
        .resolve(name);
  }

  /**
   * The SDK client's stdio transport starts the command twice: a short-lived sibling for the {@code
   * server/discover} probe (reaped with SIGTERM), then the session, which goes without a discover.
   * The session's tape takes the version and serverInfo from the per-request {@code _meta}.
   */
  @Test
  void theSdkClientLaunchesTheRecorderAndTheStatelessSessionIsRecorded() throws Exception {
    Path tape = dir.resolve("stateless.tape.json");
    List<String> command = new ArrayList<>(List.of("node", fixture("client.mjs").toString(), "--"));
    command.addAll(
        RecorderProcess.cassette(
            List.of(
                "record", "-o", tape.toString(), "--", "node", fixture("server.mjs").toString())));
    Path clientLog = dir.resolve("client.log");
    Process client =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(clientLog.toFile())
            .start();
    try {
      assertThat(client.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS))
          .as("the client finished; its log:\n%s", read(clientLog))
          .isTrue();
      assertThat(client.exitValue()).as(read(clientLog)).isZero();
    } finally {
      client.descendants().forEach(ProcessHandle::destroyForcibly);
      client.destroyForcibly();
      client.waitFor(10, TimeUnit.SECONDS);
    }
    assertThat(read(clientLog))
        .contains(
            "tools: greet,deploy,countdown",
            "greet: hello Ada via 2026-07-28",
            "deploy: deployed to staging",
            "countdown: liftoff");

    assertStatelessSession(tape);
  }

  /**
   * The client speaking over its own stdio, relayed by {@code cassette record} in a child JVM: the
   * whole session, {@code server/discover} first, goes through one recorder.
   */
  @Test
  void theDiscoveredServerFillsTheTapesServerBlock() throws Exception {
    Path tape = dir.resolve("discovered.tape.json");
    Path clientLog = dir.resolve("client.log");
    Process recorder =
        new ProcessBuilder(
                RecorderProcess.cassette(
                    List.of(
                        "record",
                        "-o",
                        tape.toString(),
                        "--",
                        "node",
                        fixture("server.mjs").toString())))
            .redirectError(dir.resolve("recorder.log").toFile())
            .start();
    Process client =
        new ProcessBuilder("node", fixture("client.mjs").toString())
            .redirectError(clientLog.toFile())
            .start();
    try {
      relay(client.getInputStream(), recorder.getOutputStream());
      relay(recorder.getInputStream(), client.getOutputStream());
      assertThat(client.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS))
          .as("the client finished; its log:\n%s", read(clientLog))
          .isTrue();
      assertThat(client.exitValue()).as(read(clientLog)).isZero();
      assertThat(recorder.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)).isTrue();
      assertThat(recorder.exitValue()).as(read(dir.resolve("recorder.log"))).isZero();
    } finally {
      for (Process process : List.of(client, recorder)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    }
    assertThat(read(clientLog)).contains("deploy: deployed to staging");
    Tape recorded = assertStatelessSession(tape);
    Exchange discover = recorded.exchanges().get(0);
    assertThat(discover.method()).isEqualTo("server/discover");
    assertThat(discover.client().path("id").asString()).isEqualTo("server-discover-probe-1");
    assertThat(recorded.server().serverInfo())
        .isEqualTo(
            discover
                .response()
                .path("result")
                .path("_meta")
                .path("io.modelcontextprotocol/serverInfo"));
  }

  /** Copies one process's output to another's input until it ends, then closes the input. */
  private static void relay(InputStream from, OutputStream to) {
    Thread thread =
        new Thread(
            () -> {
              try (to) {
                byte[] buffer = new byte[8192];
                int n;
                while ((n = from.read(buffer)) > 0) {
                  to.write(buffer, 0, n);
                  to.flush();
                }
              } catch (IOException e) {
                // One side went away; the test's waits report it.
              }
            },
            "relay");
    thread.setDaemon(true);
    thread.start();
  }

  private static Tape assertStatelessSession(Path tape) throws Exception {
    Tape recorded = TapeCodec.read(tape);
    assertThat(Recorder.journalOf(tape)).doesNotExist();
    assertThat(recorded.server().protocolVersion()).as(read(tape)).isEqualTo("2026-07-28");
    assertThat(recorded.server().serverInfo().path("name").asString())
        .isEqualTo("stateless-fixture");
    assertThat(recorded.server().serverInfo().path("version").asString()).isEqualTo("1.0.0");
    assertThat(recorded.server().command()).endsWith(fixture("server.mjs").toString());
    assertThat(recorded.exchanges()).noneMatch(e -> "initialize".equals(e.method()));

    List<Exchange> deploys =
        recorded.exchanges().stream()
            .filter(e -> "deploy".equals(e.client().path("params").path("name").asString()))
            .toList();
    assertThat(deploys).hasSize(2);
    JsonNode asked = deploys.get(0).response().path("result");
    assertThat(asked.path("resultType").asString()).isEqualTo("input_required");
    assertThat(deploys.get(1).client().path("params").path("requestState").asString())
        .isEqualTo(asked.path("requestState").asString());
    assertThat(
            deploys.get(1).response().path("result").path("content").get(0).path("text").asString())
        .isEqualTo("deployed to staging");
    Exchange countdown = recorded.exchanges().get(recorded.exchanges().size() - 1);
    assertThat(countdown.notifications()).hasSize(2);
    for (Exchange exchange : recorded.exchanges()) {
      assertThat(exchange.response()).as("answered: %s", exchange.client()).isNotNull();
      assertThat(
              exchange
                  .client()
                  .path("params")
                  .path("_meta")
                  .path("io.modelcontextprotocol/protocolVersion")
                  .asString())
          .isEqualTo("2026-07-28");
    }
    return recorded;
  }

  private static String read(Path file) throws IOException {
    return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
  }
}
