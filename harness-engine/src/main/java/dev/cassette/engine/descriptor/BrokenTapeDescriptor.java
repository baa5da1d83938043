package dev.cassette.engine.descriptor;

import dev.cassette.engine.replay.CassetteExecutionContext;
import dev.cassette.engine.tape.TapeLocation;
import org.apiguardian.api.API;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.hierarchical.Node;

/**
 * A tape that cannot be read: one test, named after the file, that fails with the reason and the
 * file, line and column. It stands in the tree where the tape would, so the run fails visibly while
 * every other tape still runs.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class BrokenTapeDescriptor extends AbstractTestDescriptor
    implements Node<CassetteExecutionContext> {

  private final Exception problem;

  /** Creates the descriptor; {@code problem} is thrown when it executes. */
  public BrokenTapeDescriptor(
      UniqueId uniqueId,
      TapeLocation location,
      Exception problem,
      org.junit.platform.engine.TestSource source) {
    super(uniqueId, location.fileName(), source);
    this.problem = problem;
  }

  @Override
  public Type getType() {
    return Type.TEST;
  }

  @Override
  public CassetteExecutionContext execute(
      CassetteExecutionContext context, DynamicTestExecutor dynamicTestExecutor) throws Exception {
    throw problem;
  }
}
