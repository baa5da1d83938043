package dev.cassette.engine.discovery;

import dev.cassette.engine.descriptor.BrokenTapeDescriptor;
import dev.cassette.engine.descriptor.ExchangeDescriptor;
import dev.cassette.engine.descriptor.TapeDescriptor;
import dev.cassette.engine.descriptor.UniqueIds;
import dev.cassette.engine.match.MatchBlocks;
import dev.cassette.engine.tape.TapeLocation;
import dev.cassette.proxy.tape.Exchange;
import dev.cassette.proxy.tape.Tape;
import java.net.URI;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.platform.engine.DiscoveryIssue;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.engine.discovery.UniqueIdSelector;
import org.junit.platform.engine.support.discovery.DiscoveryIssueReporter;
import org.junit.platform.engine.support.discovery.SelectorResolver;

/**
 * The one resolver that creates tape and exchange descriptors, from {@link TapeSelector}s, {@link
 * ExchangeSelector}s and unique ids. A tape that cannot be read becomes a failing test in the tree
 * (and a WARNING discovery issue) naming file, line, column and reason; the other tapes go on. An
 * ERROR issue would be critical to the JUnit Platform launcher, which then runs none of the
 * engine's tests.
 */
final class TapeResolver implements SelectorResolver {

  private final DiscoveryIssueReporter issues;
  private final Map<TapeLocation, Optional<ReadTape>> tapes = new ConcurrentHashMap<>();
  private final Map<TapeLocation, TapeLoadException> problems = new ConcurrentHashMap<>();

  /** A tape as read, with its {@code match} blocks. */
  private record ReadTape(Tape tape, MatchBlocks match) {}

  TapeResolver(DiscoveryIssueReporter issues) {
    this.issues = issues;
  }

  @Override
  public Resolution resolve(DiscoverySelector selector, Context context) {
    if (selector instanceof TapeSelector tapeSelector) {
      if (tapeSelector.line() == null) {
        return tape(
            tapeSelector.location(),
            context.<TestDescriptor>addToParent(parent -> create(parent, tapeSelector.location())));
      }
      return exchangeAtLine(tapeSelector, context);
    }
    if (selector instanceof ExchangeSelector exchangeSelector) {
      return exchange(
          context.addToParent(
              () -> TapeSelector.whole(exchangeSelector.location()),
              parent -> create(parent, exchangeSelector.number())));
    }
    return Resolution.unresolved();
  }

  @Override
  public Resolution resolve(UniqueIdSelector selector, Context context) {
    UniqueId id = selector.getUniqueId();
    UniqueId.Segment last = id.getLastSegment();
    UniqueId parentId = id.removeLastSegment();
    if (UniqueIds.TAPE_SEGMENT_TYPE.equals(last.getType())) {
      TapeLocation location;
      try {
        location = TapeLocation.ofUri(URI.create(last.getValue()));
      } catch (IllegalArgumentException e) {
        return Resolution.unresolved();
      }
      return tape(
          location,
          context.<TestDescriptor>addToParent(
              () -> DiscoverySelectors.selectUniqueId(parentId),
              parent -> create(parent, location)));
    }
    if (UniqueIds.EXCHANGE_SEGMENT_TYPE.equals(last.getType())) {
      int number;
      try {
        number = Integer.parseInt(last.getValue());
      } catch (NumberFormatException e) {
        return Resolution.unresolved();
      }
      return exchange(
          context.addToParent(
              () -> DiscoverySelectors.selectUniqueId(parentId), parent -> create(parent, number)));
    }
    return Resolution.unresolved();
  }

  private Resolution tape(TapeLocation location, Optional<TestDescriptor> descriptor) {
    return descriptor
        .map(
            tape ->
                tape instanceof TapeDescriptor readable
                    ? Resolution.match(Match.exact(tape, () -> exchanges(readable)))
                    : Resolution.match(Match.exact(tape)))
        .orElse(Resolution.unresolved());
  }

  private static Resolution exchange(Optional<ExchangeDescriptor> descriptor) {
    return descriptor.map(d -> Resolution.match(Match.exact(d))).orElse(Resolution.unresolved());
  }

  private Resolution exchangeAtLine(TapeSelector selector, Context context) {
    Optional<Tape> tape = load(selector.location()).map(ReadTape::tape);
    if (tape.isEmpty()) {
      return resolve(TapeSelector.whole(selector.location()), context);
    }
    int number = 0;
    for (int i = 0; i < tape.get().exchanges().size(); i++) {
      Exchange exchange = tape.get().exchanges().get(i);
      if (exchange.position() != null && exchange.position().line() <= selector.line()) {
        number = i + 1;
      }
    }
    if (number == 0) {
      return resolve(TapeSelector.whole(selector.location()), context);
    }
    int chosen = number;
    return exchange(
        context.addToParent(
            () -> TapeSelector.whole(selector.location()), parent -> create(parent, chosen)));
  }

  private static Set<DiscoverySelector> exchanges(TapeDescriptor tape) {
    Set<DiscoverySelector> selectors = new LinkedHashSet<>();
    for (int i = 1; i <= tape.tape().exchanges().size(); i++) {
      selectors.add(new ExchangeSelector(tape.location(), i));
    }
    return selectors;
  }

  private Optional<TestDescriptor> create(TestDescriptor parent, TapeLocation location) {
    UniqueId id =
        parent.getUniqueId().append(UniqueIds.TAPE_SEGMENT_TYPE, location.uri().toString());
    Optional<ReadTape> read = load(location);
    if (read.isEmpty()) {
      TapeLoadException problem = problems.get(location);
      return Optional.of(
          new BrokenTapeDescriptor(id, location, problem, location.source(problem.position())));
    }
    Tape tape = read.get().tape();
    return Optional.of(
        new TapeDescriptor(id, location, tape, read.get().match(), tags(location, tape)));
  }

  private static Optional<ExchangeDescriptor> create(TestDescriptor parent, int number) {
    if (!(parent instanceof TapeDescriptor tape)
        || number < 1
        || number > tape.tape().exchanges().size()) {
      return Optional.empty();
    }
    Exchange exchange = tape.tape().exchanges().get(number - 1);
    return Optional.of(
        new ExchangeDescriptor(
            tape.getUniqueId().append(UniqueIds.EXCHANGE_SEGMENT_TYPE, String.valueOf(number)),
            tape.exchangeName(number),
            tape.location().source(exchange.position()),
            number));
  }

  private Optional<ReadTape> load(TapeLocation location) {
    return tapes.computeIfAbsent(location, this::read);
  }

  private Optional<ReadTape> read(TapeLocation location) {
    try {
      Tape tape = TapeLoader.load(location);
      return Optional.of(new ReadTape(tape, matchBlocks(location, tape)));
    } catch (TapeLoadException e) {
      problems.put(location, e);
      issues.reportIssue(
          DiscoveryIssue.builder(DiscoveryIssue.Severity.WARNING, e.getMessage())
              .source(location.source(e.position())));
      return Optional.empty();
    }
  }

  private static MatchBlocks matchBlocks(TapeLocation location, Tape tape)
      throws TapeLoadException {
    try {
      return MatchBlocks.read(tape);
    } catch (MatchBlocks.InvalidMatchBlockException e) {
      throw new TapeLoadException(location, e.position(), e.getMessage(), e);
    }
  }

  private Set<TestTag> tags(TapeLocation location, Tape tape) {
    Set<TestTag> tags = new LinkedHashSet<>();
    for (String tag : tape.tags()) {
      if (TestTag.isValid(tag)) {
        tags.add(TestTag.create(tag));
      } else {
        issues.reportIssue(
            DiscoveryIssue.builder(
                    DiscoveryIssue.Severity.WARNING,
                    location.displayPath()
                        + ": tag \""
                        + tag
                        + "\" is not a valid JUnit tag and is ignored")
                .source(location.source(null)));
      }
    }
    return tags;
  }
}
