package dev.cassette.engine.replay;

import static dev.cassette.engine.EngineTests.execute;
import static dev.cassette.engine.EngineTests.failedWith;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.Events;

/** A fresh server per tape by default, one shared server with reuse=suite, parallel tapes. */
class ServerLifecycleTests {

  @Test
  void everyTapeGetsAFreshServerByDefault() {
    execute(Map.of("cassette.record", "none"), selectClass(CounterTapes.class))
        .testEvents()
        .assertStatistics(stats -> stats.started(4).succeeded(4));
  }

  @Test
  void suiteReuseSharesOneServerAcrossTheSuitesTapes() {
    Events tests =
        execute(
                Map.of("cassette.record", "none", "cassette.server.reuse", "suite"),
                selectClass(CounterTapes.class))
            .testEvents();
    tests.assertStatistics(stats -> stats.started(4).succeeded(3).failed(1));
    tests
        .assertThatEvents()
        .haveExactly(
            1,
            failedWith(
                "exchange:2", "\"result.content[0].text.calls\" expected: <1> but was: <2>"));
  }

  @Test
  void tapesRunInParallelWhenEnabled() {
    execute(
            Map.of(
                "cassette.record", "none",
                "cassette.execution.parallel.enabled", "true",
                "cassette.execution.parallel.config.strategy", "fixed",
                "cassette.execution.parallel.config.fixed.parallelism", "2"),
            selectClass(CounterTapes.class))
        .testEvents()
        .assertStatistics(stats -> stats.started(4).succeeded(4));
  }

  @Test
  void statelessTapeReplaysWithoutInitializeAndWithStringIds() {
    execute(
            Map.of("cassette.record", "none", "cassette.server.allowedCommands", "node"),
            org.junit.platform.engine.discovery.DiscoverySelectors.selectFile(
                "src/test/resources/dev/cassette/engine/stateless/greet.tape.json"))
        .testEvents()
        .assertStatistics(stats -> stats.started(3).succeeded(3));
  }
}
