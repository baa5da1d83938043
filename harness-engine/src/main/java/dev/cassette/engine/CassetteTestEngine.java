package dev.cassette.engine;

import dev.cassette.engine.config.CassetteConfiguration;
import dev.cassette.engine.descriptor.CassetteEngineDescriptor;
import dev.cassette.engine.discovery.DiscoverySelectorResolver;
import dev.cassette.engine.replay.CassetteExecutionContext;
import dev.cassette.engine.replay.ProxyCoreLauncher;
import java.util.Optional;
import org.apiguardian.api.API;
import org.junit.platform.engine.ConfigurationParameters;
import org.junit.platform.engine.EngineDiscoveryRequest;
import org.junit.platform.engine.ExecutionRequest;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.config.PrefixedConfigurationParameters;
import org.junit.platform.engine.support.hierarchical.HierarchicalTestEngine;
import org.junit.platform.engine.support.hierarchical.HierarchicalTestExecutorService;
import org.junit.platform.engine.support.hierarchical.ParallelHierarchicalTestExecutorServiceFactory;
import org.junit.platform.engine.support.hierarchical.SameThreadHierarchicalTestExecutorService;

/**
 * The {@code cassette} test engine: discovers tapes ({@code *.tape.json}) and {@code @TapeSuite}
 * classes, and replays every exchange against a live MCP server as a test.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class CassetteTestEngine extends HierarchicalTestEngine<CassetteExecutionContext> {

  @Override
  public String getId() {
    return Constants.ENGINE_ID;
  }

  @Override
  public Optional<String> getGroupId() {
    return Optional.of("dev.cassette");
  }

  @Override
  public Optional<String> getArtifactId() {
    return Optional.of("harness-engine");
  }

  @Override
  public TestDescriptor discover(EngineDiscoveryRequest request, UniqueId uniqueId) {
    CassetteConfiguration configuration =
        new CassetteConfiguration(request.getConfigurationParameters(), System.getenv());
    CassetteEngineDescriptor engine = new CassetteEngineDescriptor(uniqueId, configuration);
    DiscoverySelectorResolver.resolve(request, engine, configuration);
    return engine;
  }

  @Override
  protected HierarchicalTestExecutorService createExecutorService(ExecutionRequest request) {
    ConfigurationParameters parameters = request.getConfigurationParameters();
    if (configuration(request).parallelExecutionEnabled()) {
      return ParallelHierarchicalTestExecutorServiceFactory.create(
          new PrefixedConfigurationParameters(parameters, Constants.PARALLEL_CONFIG_PREFIX));
    }
    return new SameThreadHierarchicalTestExecutorService();
  }

  @Override
  protected CassetteExecutionContext createExecutionContext(ExecutionRequest request) {
    return new CassetteExecutionContext(
        configuration(request), request.getEngineExecutionListener(), new ProxyCoreLauncher());
  }

  /** The configuration discovery read, handed down to execution. */
  private static CassetteConfiguration configuration(ExecutionRequest request) {
    if (request.getRootTestDescriptor() instanceof CassetteEngineDescriptor engine) {
      return engine.configuration();
    }
    return new CassetteConfiguration(request.getConfigurationParameters(), System.getenv());
  }
}
