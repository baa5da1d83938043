package dev.cassette.engine.descriptor;

import dev.cassette.engine.replay.CassetteExecutionContext;
import java.util.Set;
import org.apiguardian.api.API;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.hierarchical.Node;

/**
 * One exchange of a tape: a test that sends the client's message and checks the answer.
 *
 * <p>Its display name, which is also its legacy reporting name, is the exchange's own ({@code
 * tools/call add (#3)}) or, in a {@code @TapeSuite}, starts with the tape's ({@code calculator /
 * tools/call add (#3)}, see {@link SuiteTapeNames}): Surefire files every exchange of a suite under
 * the suite class, and reads test cases of one name there as reruns of one test.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class ExchangeDescriptor extends AbstractTestDescriptor
    implements Node<CassetteExecutionContext> {

  private final int number;

  /** Creates the descriptor for the exchange with 1-based {@code number}. */
  public ExchangeDescriptor(UniqueId uniqueId, String displayName, TestSource source, int number) {
    super(uniqueId, displayName, source);
    this.number = number;
  }

  /** The exchange's 1-based number in its tape. */
  public int number() {
    return number;
  }

  @Override
  public Set<TestTag> getTags() {
    return getParent().map(parent -> parent.getTags()).orElse(Set.of());
  }

  @Override
  public Type getType() {
    return Type.TEST;
  }

  @Override
  public SkipResult shouldBeSkipped(CassetteExecutionContext context) {
    return context.tapeReplay().skipReason().map(SkipResult::skip).orElse(SkipResult.doNotSkip());
  }

  @Override
  public CassetteExecutionContext execute(
      CassetteExecutionContext context, DynamicTestExecutor dynamicTestExecutor) throws Exception {
    context.tapeReplay().replay(number, this);
    return context;
  }

  @Override
  public ExecutionMode getExecutionMode() {
    return ExecutionMode.SAME_THREAD;
  }
}
