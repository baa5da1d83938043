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
  private final SuiteTapeNames tapeNames;

  /** Creates the descriptor; {@code tapeNames} names its tapes in their exchanges' names. */
  public SuiteDescriptor(
      UniqueId uniqueId, Class<?> suiteClass, SuiteSettings settings, SuiteTapeNames tapeNames) {
    super(uniqueId, suiteClass.getSimpleName(), ClassSource.from(suiteClass));
    this.settings = settings;
    this.tapeNames = tapeNames;
  }

  /** How the suite's tapes are named in their exchanges' names. */
  public SuiteTapeNames tapeNames() {
    return tapeNames;
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
