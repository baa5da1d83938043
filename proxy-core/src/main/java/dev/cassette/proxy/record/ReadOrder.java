package dev.cassette.proxy.record;

import dev.cassette.proxy.jsonrpc.JsonRpcMessage;
import dev.cassette.proxy.session.SessionListener.Direction;
import dev.cassette.proxy.tape.Component;
import java.util.Comparator;
import java.util.PriorityQueue;
import tools.jackson.databind.JsonNode;

/**
 * Hands a journal's messages on in the order they were read from the wire.
 *
 * <p>The {@link Recorder} journals each line on the relay thread that forwarded it: each direction
 * is in wire order, but a response can be journaled just before the request it answers when the
 * request's thread was held up between forwarding and journaling. This merges the two directions by
 * read time ({@code nanos}, then journal order): a message is passed on once a message read {@value
 * #WINDOW_NANOS} ns later has been seen, once {@value #MAX_HELD} messages are held, or at the end.
 * Other entries pass straight through.
 */
final class ReadOrder implements JournalReader.Visitor {

  static final long WINDOW_NANOS = 1_000_000_000L;
  static final int MAX_HELD = 4096;

  private final JournalReader.Visitor next;
  private final PriorityQueue<Held> held =
      new PriorityQueue<>(Comparator.comparingLong(Held::nanos).thenComparingLong(Held::order));
  private long newest = Long.MIN_VALUE;
  private long order;

  ReadOrder(JournalReader.Visitor next) {
    this.next = next;
  }

  @Override
  public void header(JournalHeader header) {
    next.header(header);
  }

  @Override
  public void message(Direction direction, long nanos, JsonRpcMessage message) {
    held.add(new Held(direction, nanos, message, order++));
    newest = Math.max(newest, nanos);
    while (!held.isEmpty()
        && (held.size() > MAX_HELD || held.peek().nanos() <= newest - WINDOW_NANOS)) {
      pass(held.poll());
    }
  }

  @Override
  public void component(Component component, JsonNode request) {
    next.component(component, request);
  }

  @Override
  public void end(String reason) {
    flush();
    next.end(reason);
  }

  @Override
  public void problem(String problem) {
    next.problem(problem);
  }

  /** Passes on every message still held; at the end of the journal. */
  void flush() {
    while (!held.isEmpty()) {
      pass(held.poll());
    }
  }

  private void pass(Held message) {
    next.message(message.direction(), message.nanos(), message.message());
  }

  private record Held(Direction direction, long nanos, JsonRpcMessage message, long order) {}
}
