package dev.cassette.engine;

import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.cassette.proxy.transport.TestPeers;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Predicate;
import org.assertj.core.api.Condition;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.testkit.engine.EngineDiscoveryResults;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/** Drives the {@code cassette} engine through EngineTestKit with implicit configuration off. */
public final class EngineTests {

  /** The folder of this module's fixture tapes. */
  public static final Path FIXTURES = Path.of("src/test/resources/dev/cassette/engine");

  private EngineTests() {}

  /**
   * A request builder for the engine, without {@code junit-platform.properties} or system
   * properties.
   */
  public static EngineTestKit.Builder engine(Map<String, String> configuration) {
    return EngineTestKit.engine(Constants.ENGINE_ID)
        .enableImplicitConfigurationParameters(false)
        .configurationParameters(configuration);
  }

  /** Discovers the selectors with the given configuration. */
  public static EngineDiscoveryResults discover(
      Map<String, String> configuration, DiscoverySelector... selectors) {
    return engine(configuration).selectors(selectors).discover();
  }

  /** Executes the selectors with the given configuration. */
  public static EngineExecutionResults execute(
      Map<String, String> configuration, DiscoverySelector... selectors) {
    return engine(configuration).selectors(selectors).execute();
  }

  /**
   * A test (its unique ID holding {@code name}, for example {@code exchange:3}) that failed with a
   * message containing {@code text}.
   */
  public static Condition<Event> failedWith(String name, String text) {
    return failedWith(name, failure -> failure.contains(text));
  }

  /**
   * A test (its unique ID holding {@code name}) that failed with a message {@code failure} accepts.
   */
  public static Condition<Event> failedWith(String name, Predicate<String> failure) {
    return event(test(name), finishedWithFailure(message(failure)));
  }

  /** The command line that starts server-everything over stdio. */
  public static String everythingCommand() {
    return String.join(" ", TestPeers.everythingCommand());
  }
}
