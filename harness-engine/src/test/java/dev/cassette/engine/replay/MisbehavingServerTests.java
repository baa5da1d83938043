package dev.cassette.engine.replay;

import static dev.cassette.engine.EngineTests.execute;
import static dev.cassette.engine.EngineTests.failedWith;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectFile;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.skippedWithReason;
import static org.junit.platform.testkit.engine.EventConditions.test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.Events;

/** Servers that crash or hang mid-tape, written as small Node scripts. */
class MisbehavingServerTests {

  /** Answers initialize, then reacts to the next request as {@code then} says. */
  static String server(String then) {
    return "const rl = require('readline').createInterface({input: process.stdin});"
        + "rl.on('line', l => { const m = JSON.parse(l);"
        + " if (m.method === 'initialize') { console.log(JSON.stringify({jsonrpc: '2.0', id: m.id,"
        + " result: {protocolVersion: '2025-06-18', capabilities: {}, serverInfo: {name: 'tiny',"
        + " version: '1'}}})); return; }"
        + " if (m.id !== undefined) { "
        + then
        + " } });";
  }

  static Path tape(Path folder, String script) throws IOException {
    Path js = folder.resolve("server.js");
    Files.writeString(js, script);
    String tape =
        """
        {
          "cassette": 1,
          "name": "tiny",
          "server": {"transport": "stdio", "command": ["node", "%s"]},
          "exchanges": [
            {
              "client": {"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {}},
              "response": {"jsonrpc": "2.0", "id": 1, "result": {"protocolVersion": "2025-06-18", "capabilities": {}, "serverInfo": {"name": "tiny", "version": "1"}}}
            },
            {
              "client": {"jsonrpc": "2.0", "id": 2, "method": "tools/call", "params": {"name": "boom"}},
              "response": {"jsonrpc": "2.0", "id": 2, "result": {"content": []}}
            },
            {
              "client": {"jsonrpc": "2.0", "id": 3, "method": "ping"},
              "response": {"jsonrpc": "2.0", "id": 3, "result": {}}
            }
          ]
        }
        """
            .formatted(js.toString().replace("\\", "\\\\"));
    Path file = folder.resolve("tiny.tape.json");
    Files.writeString(file, tape);
    return file;
  }

  static void noChildProcessLeft() {
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(ProcessHandle.current().descendants()).isEmpty());
  }

  /** Initialize passed, tools/call boom (#2) failed as {@code failure} says, ping was skipped. */
  static void boomFailedAndTheRestSkipped(
      Events tests, Predicate<String> failure, String skipReason) {
    tests.assertStatistics(stats -> stats.started(2).succeeded(1).failed(1).skipped(1));
    tests
        .assertThatEvents()
        .haveExactly(1, failedWith("exchange:2", failure))
        .haveExactly(1, event(test("exchange:3"), skippedWithReason(skipReason)));
  }

  @Test
  void crashFailsTheExchangeWithStderrAndSkipsTheRest(@TempDir Path folder) throws IOException {
    Path tape = tape(folder, server("console.error('boom: out of cheese'); process.exit(3);"));
    Events tests =
        execute(
                Map.of("cassette.record", "none", "cassette.server.allowedCommands", "node"),
                selectFile(tape.toFile()))
            .testEvents();
    boomFailedAndTheRestSkipped(
        tests,
        m ->
            m.startsWith("the server exited during tools/call boom (#2) at " + tape + ":10:5: ")
                && m.contains("boom: out of cheese"),
        "the server exited during tools/call boom (#2)");
    noChildProcessLeft();
  }

  @Test
  void hangFailsTheExchangeAfterTheTimeoutAndSkipsTheRest(@TempDir Path folder) throws IOException {
    Path tape = tape(folder, server("console.error('thinking forever');"));
    long started = System.nanoTime();
    Events tests =
        execute(
                Map.of(
                    "cassette.record", "none",
                    "cassette.timeout", "1500ms",
                    "cassette.server.allowedCommands", "node"),
                selectFile(tape.toFile()))
            .testEvents();
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(15));
    boomFailedAndTheRestSkipped(
        tests,
        m ->
            m.startsWith("tools/call boom (#2) at " + tape + ":10:5: no response within 1500 ms")
                && m.contains("thinking forever"),
        "the server did not answer tools/call boom (#2) within 1500 ms");
    noChildProcessLeft();
  }

  @Test
  void theTimeoutAloneBoundsAHungServersFirstAnswerWhenOnlyItIsSet(@TempDir Path folder)
      throws IOException {
    Path tape = tape(folder, "process.stdin.resume(); console.error('never ready');");
    Events tests =
        execute(
                Map.of(
                    "cassette.record", "none",
                    "cassette.timeout", "1500ms",
                    "cassette.server.allowedCommands", "node"),
                selectFile(tape.toFile()))
            .testEvents();
    tests
        .assertThatEvents()
        .haveExactly(
            1,
            failedWith(
                "exchange:1",
                m ->
                    m.contains("no response within 1500 ms (cassette.timeout)")
                        && m.contains("never ready")));
    noChildProcessLeft();
  }

  @Test
  void anExplicitStartupTimeoutIsAddedToTheFirstAnswersBoundAndNamed(@TempDir Path folder)
      throws IOException {
    Path tape = tape(folder, "process.stdin.resume();");
    Events tests =
        execute(
                Map.of(
                    "cassette.record", "none",
                    "cassette.timeout", "500ms",
                    "cassette.server.startupTimeout", "1s",
                    "cassette.server.allowedCommands", "node"),
                selectFile(tape.toFile()))
            .testEvents();
    tests
        .assertThatEvents()
        .haveExactly(
            1,
            failedWith(
                "exchange:1",
                "no response within 1500 ms (cassette.timeout 500 ms +"
                    + " cassette.server.startupTimeout 1 s for a fresh server's first answer)"));
    noChildProcessLeft();
  }

  @Test
  void serverThatCannotStartFailsTheFirstExchange(@TempDir Path folder) throws IOException {
    Path tape = tape(folder, "");
    Events tests =
        execute(
                Map.of(
                    "cassette.record",
                    "none",
                    "cassette.server.command",
                    "/nonexistent/server --stdio"),
                selectFile(tape.toFile()))
            .testEvents();
    tests.assertStatistics(stats -> stats.started(1).failed(1).skipped(2));
    tests
        .assertThatEvents()
        .haveExactly(
            1,
            failedWith(
                "exchange:1",
                "cannot start command /nonexistent/server --stdio (from cassette.server.command)"));
  }
}
