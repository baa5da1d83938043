package dev.cassette.engine.jupiter;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/** Runs fixture classes on the Jupiter engine with explicit configuration only. */
final class TestKit {

  private TestKit() {}

  static Events run(Class<?> fixture, Path tapesRoot, Map<String, String> settings) {
    EngineTestKit.Builder builder =
        EngineTestKit.engine("junit-jupiter")
            .selectors(selectClass(fixture))
            .enableImplicitConfigurationParameters(false)
            .configurationParameter(
                CassetteExtension.TAPES_ROOT_PROPERTY_NAME, tapesRoot.toString())
            .configurationParameter(CassetteExtension.CI_PROPERTY_NAME, "false")
            .configurationParameter(CassetteExtension.RECORD_PROPERTY_NAME, "new");
    settings.forEach(builder::configurationParameter);
    EngineExecutionResults results = builder.execute();
    return results.testEvents();
  }

  static List<String> failureMessages(Events events) {
    return events.failed().stream()
        .map(
            event ->
                event
                    .getRequiredPayload(TestExecutionResult.class)
                    .getThrowable()
                    .map(Throwable::getMessage)
                    .orElse("(no message)"))
        .toList();
  }
}
