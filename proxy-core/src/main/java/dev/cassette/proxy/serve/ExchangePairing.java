package dev.cassette.proxy.serve;

import dev.cassette.proxy.tape.Exchange;
import dev.cassette.proxy.tape.Tape;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apiguardian.api.API;
import tools.jackson.databind.JsonNode;

/**
 * The pairing rule every player of a tape follows ({@code cassette serve}, offline {@code @Tape}
 * and {@code @Tape} verification): a client message is paired, in recorded order, with the first
 * <em>unused</em> recorded exchange of the same kind (request or notification) and method whose
 * client message matches it; failing that, with the first <em>used</em> one that matches (a repeat,
 * as SDK clients re-list tools on their own); failing that, it is a {@link Miss} naming the nearest
 * recorded message, graded by the matcher's number of differences.
 *
 * <p>When the session ends, {@link #unused()} lists the recorded exchanges nothing was paired with,
 * leaving out those that merely repeat a used one. Thread-safe.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ExchangePairing {

  private final Tape tape;
  private final RequestMatcher matcher;
  private final boolean[] used;

  /**
   * A fresh pairing (nothing used yet).
   *
   * @param tape the tape
   * @param matcher the matcher that compares client messages
   */
  public ExchangePairing(Tape tape, RequestMatcher matcher) {
    this.tape = Objects.requireNonNull(tape, "tape");
    this.matcher = Objects.requireNonNull(matcher, "matcher");
    this.used = new boolean[tape.exchanges().size()];
  }

  /**
   * The outcome of pairing one message.
   *
   * @param index the 0-based index of the paired exchange, or -1
   * @param exchange the paired exchange, or {@code null}
   * @param miss why nothing was paired, or {@code null}
   */
  public record Pairing(int index, Exchange exchange, Miss miss) {}

  /** The tape being paired. */
  public Tape tape() {
    return tape;
  }

  /** Pairs one client message (a request when it has an {@code id}) and marks the exchange used. */
  public synchronized Pairing pair(JsonNode message) {
    Objects.requireNonNull(message, "message");
    String method = message.path("method").asString(null);
    List<Integer> candidates = candidates(method, message.has("id"));
    Map<Integer, List<String>> differences = new LinkedHashMap<>();
    for (int index : candidates) {
      differences.put(index, matcher.differences(tape, index, message));
    }
    Integer chosen = firstMatching(candidates, differences, false);
    if (chosen == null) {
      chosen = firstMatching(candidates, differences, true);
    }
    if (chosen != null) {
      used[chosen] = true;
      return new Pairing(chosen, tape.exchanges().get(chosen), null);
    }
    return new Pairing(-1, null, nearestMiss(message, method, differences));
  }

  /** Whether the exchange with this 0-based index was paired. */
  public synchronized boolean isUsed(int index) {
    return used[index];
  }

  /**
   * The 0-based indexes of the recorded exchanges nothing was paired with, in recorded order; an
   * exchange whose client message a used exchange of the same kind and method matches is a repeat
   * and not listed.
   */
  public synchronized List<Integer> unused() {
    List<Integer> unused = new ArrayList<>();
    for (int j = 0; j < used.length; j++) {
      if (!used[j] && !repeatOfUsed(j)) {
        unused.add(j);
      }
    }
    return unused;
  }

  private boolean repeatOfUsed(int j) {
    JsonNode client = tape.exchanges().get(j).client();
    for (int k : candidates(client.path("method").asString(null), client.has("id"))) {
      if (used[k] && matcher.differences(tape, k, client).isEmpty()) {
        return true;
      }
    }
    return false;
  }

  private List<Integer> candidates(String method, boolean request) {
    List<Integer> found = new ArrayList<>();
    for (int i = 0; i < tape.exchanges().size(); i++) {
      JsonNode client = tape.exchanges().get(i).client();
      if (client.has("id") == request
          && Objects.equals(method, client.path("method").asString(null))) {
        found.add(i);
      }
    }
    return found;
  }

  private Integer firstMatching(
      List<Integer> candidates, Map<Integer, List<String>> differences, boolean wasUsed) {
    for (int index : candidates) {
      if (used[index] == wasUsed && differences.get(index).isEmpty()) {
        return index;
      }
    }
    return null;
  }

  /** The candidate with the fewest differences (the earliest of equals). */
  private Miss nearestMiss(JsonNode message, String method, Map<Integer, List<String>> found) {
    int nearest = -1;
    for (Map.Entry<Integer, List<String>> entry : found.entrySet()) {
      if (nearest < 0 || entry.getValue().size() < found.get(nearest).size()) {
        nearest = entry.getKey();
      }
    }
    if (nearest < 0) {
      String kind = message.has("id") ? " request" : " notification";
      return new Miss(
          message,
          -1,
          null,
          List.of("the tape holds no " + method + kind + "; it holds " + methodsOnTape()));
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
}
