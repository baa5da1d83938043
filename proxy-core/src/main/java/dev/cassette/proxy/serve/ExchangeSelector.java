package dev.cassette.proxy.serve;

import dev.cassette.proxy.jsonrpc.Json;
import dev.cassette.proxy.tape.Exchange;
import dev.cassette.proxy.tape.Tape;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Picks the recorded exchange that answers a client message: the first unused exact match in tape
 * order, then the first unused match under the matchers, then an already used one (a repeated
 * request); otherwise grades every recorded request with the same method to name the nearest.
 */
final class ExchangeSelector {

  /** Paths every request comparison leaves out: progress tokens and other per-run metadata. */
  private static final List<String> ALWAYS_IGNORED = List.of("$.params._meta");

  /** The handshake differs between client libraries without changing what the server says. */
  private static final List<String> INITIALIZE_IGNORED =
      List.of("$.params.clientInfo", "$.params.capabilities", "$.params.protocolVersion");

  private final Tape tape;
  private final RequestMatcher matcher;
  private final boolean[] used;

  ExchangeSelector(Tape tape, RequestMatcher matcher) {
    this.tape = Objects.requireNonNull(tape, "tape");
    this.matcher = Objects.requireNonNull(matcher, "matcher");
    this.used = new boolean[tape.exchanges().size()];
  }

  /** The outcome: the chosen exchange's index, or a miss. */
  record Selection(int index, Exchange exchange, Miss miss) {}

  Selection select(JsonNode message, boolean request) {
    String method = message.path("method").asString(null);
    List<Integer> candidates = candidates(method, request);
    Map<Integer, List<String>> differences = new LinkedHashMap<>();
    for (int index : candidates) {
      Exchange exchange = tape.exchanges().get(index);
      differences.put(index, matcher.differences(exchange.client(), message, match(exchange)));
    }
    Integer chosen = firstMatching(candidates, differences, true);
    if (chosen == null) {
      chosen = firstMatching(candidates, differences, false);
    }
    if (chosen != null) {
      used[chosen] = true;
      return new Selection(chosen, tape.exchanges().get(chosen), null);
    }
    return new Selection(-1, null, nearestMiss(message, method, differences));
  }

  private List<Integer> candidates(String method, boolean request) {
    List<Integer> found = new ArrayList<>();
    for (int i = 0; i < tape.exchanges().size(); i++) {
      JsonNode client = tape.exchanges().get(i).client();
      boolean isRequest = client.has("id");
      if (isRequest == request && Objects.equals(method, client.path("method").asString(null))) {
        found.add(i);
      }
    }
    return found;
  }

  private Integer firstMatching(
      List<Integer> candidates, Map<Integer, List<String>> differences, boolean unused) {
    for (int index : candidates) {
      if (used[index] != unused && differences.get(index).isEmpty()) {
        return index;
      }
    }
    return null;
  }

  private Miss nearestMiss(JsonNode message, String method, Map<Integer, List<String>> found) {
    int nearest = -1;
    for (Map.Entry<Integer, List<String>> entry : found.entrySet()) {
      if (nearest < 0 || entry.getValue().size() < found.get(nearest).size()) {
        nearest = entry.getKey();
      }
    }
    if (nearest < 0) {
      return new Miss(
          message,
          -1,
          null,
          List.of("the tape holds no " + method + " request; it holds " + methodsOnTape()));
    }
    return new Miss(message, nearest, tape.exchanges().get(nearest), found.get(nearest));
  }

  private String methodsOnTape() {
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (Exchange exchange : tape.exchanges()) {
      counts.merge(String.valueOf(exchange.method()), 1, Integer::sum);
    }
    List<String> parts = new ArrayList<>();
    counts.forEach((name, count) -> parts.add(count == 1 ? name : name + " (" + count + ")"));
    return parts.isEmpty() ? "no exchanges" : String.join(", ", parts);
  }

  /** The tape's and the exchange's {@code match} blocks with the built-in ignore paths. */
  private ObjectNode match(Exchange exchange) {
    ObjectNode merged = Json.mapper().createObjectNode();
    ArrayNode ignore = merged.putArray("ignorePaths");
    ALWAYS_IGNORED.forEach(ignore::add);
    if ("initialize".equals(exchange.method())) {
      INITIALIZE_IGNORED.forEach(ignore::add);
    }
    for (ObjectNode block : new ObjectNode[] {tape.match(), exchange.match()}) {
      if (block == null) {
        continue;
      }
      block
          .properties()
          .forEach(
              field -> {
                if (field.getKey().equals("ignorePaths") && field.getValue().isArray()) {
                  field.getValue().forEach(ignore::add);
                } else {
                  merged.set(field.getKey(), field.getValue());
                }
              });
    }
    return merged;
  }
}
