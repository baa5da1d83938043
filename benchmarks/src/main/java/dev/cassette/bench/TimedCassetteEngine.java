package dev.cassette.bench;

import dev.cassette.engine.CassetteTestEngine;
import dev.cassette.engine.Constants;
import dev.cassette.engine.config.CassetteConfiguration;
import dev.cassette.engine.replay.CassetteExecutionContext;
import java.util.Optional;
import org.junit.platform.engine.EngineDiscoveryRequest;
import org.junit.platform.engine.ExecutionRequest;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.hierarchical.HierarchicalTestEngine;
import org.junit.platform.engine.support.hierarchical.HierarchicalTestExecutorService;
import org.junit.platform.engine.support.hierarchical.SameThreadHierarchicalTestExecutorService;

/**
 * The {@code cassette} engine with a {@link TimedLauncher} in place of its own launcher: discovery
 * and execution are the engine's own code; only the server connections are timed. Registered by
 * hand (launcher auto-registration off), never through {@code META-INF/services}.
 */
final class TimedCassetteEngine extends HierarchicalTestEngine<CassetteExecutionContext> {

  private final CassetteTestEngine engine = new CassetteTestEngine();
  final TimedLauncher launcher = new TimedLauncher();

  @Override
  public String getId() {
    return Constants.ENGINE_ID;
  }

  @Override
  public Optional<String> getGroupId() {
    return engine.getGroupId();
  }

  @Override
  public TestDescriptor discover(EngineDiscoveryRequest request, UniqueId uniqueId) {
    return engine.discover(request, uniqueId);
  }

  @Override
  protected HierarchicalTestExecutorService createExecutorService(ExecutionRequest request) {
    return new SameThreadHierarchicalTestExecutorService();
  }

  @Override
  protected CassetteExecutionContext createExecutionContext(ExecutionRequest request) {
    return new CassetteExecutionContext(
        new CassetteConfiguration(request.getConfigurationParameters(), System.getenv()),
        request.getEngineExecutionListener(),
        launcher);
  }
}
