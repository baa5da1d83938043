package dev.cassette.engine.descriptor;

import dev.cassette.engine.match.MatchBlocks;
import dev.cassette.engine.replay.CassetteExecutionContext;
import dev.cassette.engine.replay.ExchangeNames;
import dev.cassette.engine.tape.TapeLocation;
import dev.cassette.proxy.tape.Tape;
import java.util.Set;
import org.apiguardian.api.API;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.hierarchical.Node;

/** A tape: a container whose children are its exchanges, replayed in order. */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class TapeDescriptor extends AbstractTestDescriptor
    implements Node<CassetteExecutionContext> {

  private final TapeLocation location;
  private final Tape tape;
  private final MatchBlocks match;
  private final Set<TestTag> tags;

  /**
   * Creates the descriptor; {@code match} holds the tape's {@code match} blocks as read at
   * discovery, {@code tags} are the tape's valid tags.
   */
  public TapeDescriptor(
      UniqueId uniqueId, TapeLocation location, Tape tape, MatchBlocks match, Set<TestTag> tags) {
    super(uniqueId, tape.name(), location.source(null));
    this.location = location;
    this.tape = tape;
    this.match = match;
    this.tags = Set.copyOf(tags);
  }

  /**
   * The display name of the exchange with 1-based {@code number}: its own ({@code tools/call add
   * (#3)}), with the tape's name in front in a {@code @TapeSuite} ({@code calculator / tools/call
   * add (#3)}). Call it once the tape is in the tree.
   */
  public String exchangeName(int number) {
    String own = ExchangeNames.displayName(tape.exchanges().get(number - 1), number);
    return getParent()
        .filter(SuiteDescriptor.class::isInstance)
        .map(parent -> ((SuiteDescriptor) parent).tapeNames().name(location, tape.name()))
        .map(tapeName -> ExchangeNames.inTape(tapeName, own))
        .orElse(own);
  }

  /** Where the tape lives. */
  public TapeLocation location() {
    return location;
  }

  /** The tape as read at discovery. */
  public Tape tape() {
    return tape;
  }

  @Override
  public Set<TestTag> getTags() {
    return tags;
  }

  @Override
  public Type getType() {
    return Type.CONTAINER;
  }

  @Override
  public CassetteExecutionContext before(CassetteExecutionContext context) throws Exception {
    return context.startTape(this, location, tape, match);
  }

  @Override
  public void after(CassetteExecutionContext context) throws Exception {
    context.finishTape();
  }

  @Override
  public ExecutionMode getExecutionMode() {
    return ExecutionMode.CONCURRENT;
  }
}
