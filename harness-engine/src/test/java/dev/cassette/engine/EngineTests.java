package dev.cassette.engine;

import java.nio.file.Path;
import java.util.Map;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.testkit.engine.EngineDiscoveryResults;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

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

  /** The command line that starts server-everything over stdio. */
  public static String everythingCommand() {
    return "node "
        + testPeers().resolve("node_modules/@modelcontextprotocol/server-everything/dist/index.js")
        + " stdio";
  }

  /** The npm test peers folder, from the system property {@code cassette.testPeers}. */
  public static Path testPeers() {
    String peers = System.getProperty("cassette.testPeers");
    if (peers == null) {
      throw new IllegalStateException("system property cassette.testPeers is not set");
    }
    return Path.of(peers);
  }
}
