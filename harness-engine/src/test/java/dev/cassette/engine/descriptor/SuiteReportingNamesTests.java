package dev.cassette.engine.descriptor;

import static dev.cassette.engine.EngineTests.discover;
import static dev.cassette.engine.EngineTests.execute;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClasspathResource;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectUniqueId;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.Event;

/**
 * Every exchange of a {@code @TapeSuite} has a name of its own: Surefire files all of them under
 * the suite class and reads two test cases of one name as reruns of one test.
 */
class SuiteReportingNamesTests {

  static List<TestDescriptor> exchanges(TestDescriptor root) {
    return root.getDescendants().stream()
        .filter(TestDescriptor::isTest)
        .map(TestDescriptor.class::cast)
        .toList();
  }

  @Test
  void exchangesOfTapesWithIdenticalExchangesHaveDistinctNamesNamingTheTape() {
    TestDescriptor engine = discover(Map.of(), selectClass(TwinTapes.class)).getEngineDescriptor();
    List<TestDescriptor> exchanges = exchanges(engine);
    List<String> legacy = exchanges.stream().map(TestDescriptor::getLegacyReportingName).toList();
    assertThat(legacy)
        .containsExactlyInAnyOrder(
            "twin (alpha) / initialize (#1)",
            "twin (alpha) / tools/call count (#2)",
            "twin (beta) / initialize (#1)",
            "twin (beta) / tools/call count (#2)",
            "gamma / initialize (#1)",
            "gamma / tools/call count (#2)")
        .doesNotHaveDuplicates();
    assertThat(exchanges.stream().map(TestDescriptor::getDisplayName).toList())
        .containsExactlyElementsOf(legacy);
  }

  @Test
  void anExchangeSelectedAloneByItsUniqueIdKeepsItsName() {
    TestDescriptor beta =
        exchanges(discover(Map.of(), selectClass(TwinTapes.class)).getEngineDescriptor()).stream()
            .filter(e -> e.getDisplayName().startsWith("twin (beta)"))
            .reduce((first, second) -> second)
            .orElseThrow();
    TestDescriptor alone =
        exchanges(discover(Map.of(), selectUniqueId(beta.getUniqueId())).getEngineDescriptor())
            .get(0);
    assertThat(alone.getLegacyReportingName()).isEqualTo("twin (beta) / tools/call count (#2)");
  }

  @Test
  void exchangesOfATapeOutsideASuiteAreNamedAlone() {
    TestDescriptor engine =
        discover(Map.of(), selectClasspathResource("dev/cassette/engine/twins/gamma.tape.json"))
            .getEngineDescriptor();
    assertThat(exchanges(engine).stream().map(TestDescriptor::getLegacyReportingName))
        .containsExactly("initialize (#1)", "tools/call count (#2)");
  }

  @Test
  void aFailingExchangeSharesItsReportedNameWithNoPassingOne() {
    EngineExecutionResults results = execute(Map.of(), selectClass(TwinTapes.class));
    results.testEvents().assertStatistics(stats -> stats.started(6).succeeded(5).failed(1));
    List<Event> finished = results.testEvents().finished().list();
    List<String> failed =
        finished.stream()
            .filter(
                e ->
                    e.getRequiredPayload(TestExecutionResult.class).getStatus()
                        != TestExecutionResult.Status.SUCCESSFUL)
            .map(e -> e.getTestDescriptor().getLegacyReportingName())
            .toList();
    assertThat(failed).containsExactly("twin (beta) / tools/call count (#2)");
    assertThat(finished.stream().map(e -> e.getTestDescriptor().getLegacyReportingName()))
        .doesNotHaveDuplicates();
  }
}
