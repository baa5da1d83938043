package dev.cassette.engine.jupiter;

import dev.cassette.engine.match.ClientMessageMatcher;
import dev.cassette.engine.match.MatchBlocks;
import dev.cassette.engine.match.MatchLayer;
import dev.cassette.engine.match.MatchSettings;
import dev.cassette.engine.match.NotificationMatcher;
import dev.cassette.proxy.serve.ExchangePairing;
import dev.cassette.proxy.serve.Miss;
import dev.cassette.proxy.tape.Exchange;
import dev.cassette.proxy.tape.Tape;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Compares the exchanges a test produced against a live server with the tape's. Each live client
 * message is paired with a recorded one by {@link ExchangePairing}'s rule under the engine's {@link
 * ClientMessageMatcher} (the rule and matcher {@code cassette serve} and offline mode use), then
 * the responses are compared; finally the server's notifications as one unordered set through
 * {@link NotificationMatcher}: each recorded one must arrive, and under {@code strict} nothing else
 * may. A live request with no recorded counterpart is reported with where the tape diverges and the
 * nearest recorded request.
 */
final class TapeVerifier {

  /** The session's notifications are one set: they are paired in any order. */
  private static final MatchLayer UNORDERED =
      new MatchLayer(List.of(), null, List.of(), null, null, null, null, false, null);

  private final JsonComparator comparator;

  TapeVerifier(JsonComparator comparator) {
    this.comparator = comparator;
  }

  /** One line per problem; empty when the live session matches the tape. */
  List<String> verify(Tape tape, String tapeName, List<Exchange> live, MatchSettings base) {
    MatchBlocks blocks = MatchBlocks.read(tape);
    MatchSettings tapeOptions = base.merge(blocks.tape());
    List<Exchange> recorded = tape.exchanges();
    ExchangePairing pairing = new ExchangePairing(tape, new ClientMessageMatcher(base));
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < live.size(); i++) {
      Exchange actual = live.get(i);
      ExchangePairing.Pairing paired = pairing.pair(actual.client());
      if (paired.miss() != null) {
        newRequest(recorded, pairing, actual, i, tapeName, paired.miss(), problems);
        continue;
      }
      int index = paired.index();
      Exchange expected = recorded.get(index);
      compareResponse(
          index,
          expected,
          actual,
          tapeOptions.merge(blocks.exchange(index + 1)),
          tapeName,
          problems);
    }
    for (int j : pairing.unused()) {
      problems.add(
          "the test no longer sends exchange #"
              + (j + 1)
              + " "
              + summary(recorded.get(j).client())
              + where(recorded.get(j)));
    }
    if (problems.isEmpty()) {
      compareNotifications(recorded, live, tapeOptions, problems);
    }
    return problems;
  }

  private static void newRequest(
      List<Exchange> recorded,
      ExchangePairing pairing,
      Exchange actual,
      int liveIndex,
      String tapeName,
      Miss miss,
      List<String> out) {
    int next = 0;
    while (next < recorded.size() && pairing.isUsed(next)) {
      next++;
    }
    StringBuilder line =
        new StringBuilder("the test sent a request the tape does not hold: ")
            .append(summary(actual.client()))
            .append(" (the test's message #")
            .append(liveIndex + 1)
            .append("); ");
    if (next < recorded.size()) {
      line.append(tapeName)
          .append(" diverges at exchange #")
          .append(next + 1)
          .append(where(recorded.get(next)))
          .append(", which is ")
          .append(summary(recorded.get(next).client()));
    } else {
      line.append("every exchange of ").append(tapeName).append(" was already used");
    }
    out.add(line.toString());
    if (miss.nearest() != null) {
      out.add(
          "  the nearest recorded request is exchange #"
              + (miss.nearestIndex() + 1)
              + where(miss.nearest())
              + ":");
      miss.differences().forEach(difference -> out.add("    " + difference));
    }
  }

  private void compareResponse(
      int index,
      Exchange expected,
      Exchange actual,
      MatchSettings options,
      String tapeName,
      List<String> out) {
    if (expected.response() == null) {
      return;
    }
    String header = "exchange #" + (index + 1) + " " + summary(expected.client()) + where(expected);
    if (actual.response() == null) {
      out.add(header + ": the live server sent no response");
      return;
    }
    List<String> differences =
        comparator.differences(expected.response(), actual.response(), options);
    if (!differences.isEmpty()) {
      out.add(header + ": the response differs from " + tapeName + ":");
      differences.forEach(line -> out.add("  " + line));
    }
  }

  private static void compareNotifications(
      List<Exchange> recorded, List<Exchange> live, MatchSettings options, List<String> out) {
    List<JsonNode> expected = new ArrayList<>();
    List<Integer> owner = new ArrayList<>();
    for (int i = 0; i < recorded.size(); i++) {
      for (JsonNode notification : recorded.get(i).notifications()) {
        expected.add(notification);
        owner.add(i);
      }
    }
    List<JsonNode> arrived = new ArrayList<>();
    live.forEach(exchange -> arrived.addAll(exchange.notifications()));
    MatchSettings unordered = options.merge(UNORDERED);
    for (int i : NotificationMatcher.unmatched(expected, arrived, unordered)) {
      Exchange exchange = recorded.get(owner.get(i));
      out.add(
          "exchange #"
              + (owner.get(i) + 1)
              + where(exchange)
              + ": the live server did not send the notification "
              + summary(expected.get(i)));
    }
    if (options.strict()) {
      for (JsonNode extra : NotificationMatcher.unexpected(expected, arrived, unordered)) {
        out.add("the live server sent a notification the tape does not hold: " + summary(extra));
      }
    }
  }

  private static String where(Exchange exchange) {
    return exchange.position() == null ? "" : " (tape line " + exchange.position().line() + ")";
  }

  static String summary(JsonNode message) {
    JsonNode method = message.get("method");
    JsonNode params = message.get("params");
    String text = (method == null ? "" : method.asString()) + (params == null ? "" : " " + params);
    return text.length() > 160 ? text.substring(0, 157) + "..." : text;
  }
}
