package dev.cassette.engine.descriptor;

import dev.cassette.engine.replay.CassetteExecutionContext;
import dev.cassette.engine.replay.SuiteSettings;
import org.apiguardian.api.API;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.hierarchical.Node;

/** A {@code @TapeSuite} class: a container of tapes sharing server and matcher settings. */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class SuiteDescriptor extends AbstractTestDescriptor
    implements Node<CassetteExecutionContext> {

  private final SuiteSettings settings;

  /** Creates the descriptor. */
  public SuiteDescriptor(UniqueId uniqueId, Class<?> suiteClass, SuiteSettings settings) {
    super(uniqueId, suiteClass.getSimpleName(), ClassSource.from(suiteClass));
    this.settings = settings;
  }

  /** The suite's server and matcher settings. */
  public SuiteSettings settings() {
    return settings;
  }

  @Override
  public Type getType() {
    return Type.CONTAINER;
  }

  @Override
  public CassetteExecutionContext before(CassetteExecutionContext context) {
    return context.enterSuite(settings);
  }

  @Override
  public void after(CassetteExecutionContext context) {
    context.leaveSuite();
  }
}
