package dev.cassette.engine.descriptor;

import dev.cassette.engine.config.CassetteConfiguration;
import dev.cassette.engine.replay.CassetteExecutionContext;
import dev.cassette.engine.replay.SuiteSettings;
import org.apiguardian.api.API;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.EngineDescriptor;
import org.junit.platform.engine.support.hierarchical.Node;

/**
 * The root of the engine's tree; it carries the run's configuration from discovery to execution.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class CassetteEngineDescriptor extends EngineDescriptor
    implements Node<CassetteExecutionContext> {

  private final CassetteConfiguration configuration;

  /** Creates the root of a run read with {@code configuration}. */
  public CassetteEngineDescriptor(UniqueId uniqueId, CassetteConfiguration configuration) {
    super(uniqueId, "Cassette");
    this.configuration = configuration;
  }

  /** The run's configuration, read once at discovery. */
  public CassetteConfiguration configuration() {
    return configuration;
  }

  @Override
  public CassetteExecutionContext before(CassetteExecutionContext context) {
    return context.enterSuite(SuiteSettings.NONE);
  }

  @Override
  public void after(CassetteExecutionContext context) {
    context.leaveSuite();
  }
}
