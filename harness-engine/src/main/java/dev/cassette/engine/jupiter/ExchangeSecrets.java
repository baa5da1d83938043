package dev.cassette.engine.jupiter;

import dev.cassette.proxy.redact.Redactor;
import dev.cassette.proxy.tape.Exchange;
import dev.cassette.proxy.tape.Tape;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import tools.jackson.databind.JsonNode;

/** Takes secrets out of exchanges before they are written or compared, and puts them back. */
final class ExchangeSecrets {

  private ExchangeSecrets() {}

  /** The exchanges with every secret replaced by its {@code ${secret:NAME}} placeholder. */
  static List<Exchange> redacted(List<Exchange> exchanges, Redactor redactor) {
    List<Exchange> clean = new ArrayList<>(exchanges.size());
    for (Exchange exchange : exchanges) {
      clean.add(map(exchange, redactor::redact));
    }
    return clean;
  }

  /**
   * The tape with each {@code ${secret:NAME}} replaced by the value in {@code secrets}, so that a
   * test's requests match and the responses read as the live server's did.
   */
  static Tape restored(Tape tape, Map<String, String> secrets) {
    if (secrets.isEmpty()) {
      return tape;
    }
    List<Exchange> restored = new ArrayList<>(tape.exchanges().size());
    for (Exchange exchange : tape.exchanges()) {
      restored.add(map(exchange, node -> Redactor.restore(node, secrets)));
    }
    return tape.withExchanges(restored);
  }

  private static Exchange map(Exchange exchange, UnaryOperator<JsonNode> change) {
    UnaryOperator<JsonNode> safe = node -> node == null ? null : change.apply(node);
    List<Exchange.ServerRequest> calls = new ArrayList<>();
    for (Exchange.ServerRequest call : exchange.serverRequests()) {
      calls.add(
          new Exchange.ServerRequest(safe.apply(call.request()), safe.apply(call.response())));
    }
    return new Exchange(
        safe.apply(exchange.client()),
        safe.apply(exchange.response()),
        exchange.notifications().stream().map(safe).toList(),
        calls,
        exchange.elapsedMillis(),
        exchange.match(),
        exchange.extensions(),
        exchange.position());
  }
}
