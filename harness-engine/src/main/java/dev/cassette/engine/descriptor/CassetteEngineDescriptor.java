package dev.cassette.engine.descriptor;

import dev.cassette.engine.replay.CassetteExecutionContext;
import dev.cassette.engine.replay.SuiteSettings;
import org.apiguardian.api.API;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.EngineDescriptor;
import org.junit.platform.engine.support.hierarchical.Node;

/** The root of the engine's tree. */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class CassetteEngineDescriptor extends EngineDescriptor
    implements Node<CassetteExecutionContext> {

  /** Creates the root. */
  public CassetteEngineDescriptor(UniqueId uniqueId) {
    super(uniqueId, "Cassette");
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
