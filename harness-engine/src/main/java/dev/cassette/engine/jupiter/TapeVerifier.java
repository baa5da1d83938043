package dev.cassette.engine.jupiter;

import dev.cassette.engine.match.MatchLayers;
import dev.cassette.engine.match.MatchSettings;
import dev.cassette.proxy.tape.Exchange;
import dev.cassette.proxy.tape.Tape;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Compares the exchanges a test produced against a live server with the tape's. Each live client
 * message is paired with the first unused recorded one it matches (a repeat of a used one is
 * allowed, as SDK clients re-list tools on their own), then the responses are compared; finally the
 * server's notifications as one unordered set: each recorded one must arrive, and under {@code
 * strict} nothing else may. A live request with no recorded counterpart is reported with where the
 * tape diverges and the nearest recorded request.
 */
final class TapeVerifier {

  private final JsonComparator comparator;

  TapeVerifier(JsonComparator comparator) {
    this.comparator = comparator;
  }

  /** One line per problem; empty when the live session matches the tape. */
  List<String> verify(Tape tape, String tapeName, List<Exchange> live, MatchSettings base) {
    MatchSettings tapeOptions = base.merge(MatchLayers.fromJson(tape.match()));
    List<Exchange> recorded = tape.exchanges();
    boolean[] used = new boolean[recorded.size()];
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < live.size(); i++) {
      Exchange actual = live.get(i);
      int index = pair(recorded, used, actual, tapeOptions);
      if (index < 0) {
        newRequest(recorded, used, actual, i, tapeName, tapeOptions, problems);
        continue;
      }
      used[index] = true;
      Exchange expected = recorded.get(index);
      compareResponse(
          index,
          expected,
          actual,
          tapeOptions.merge(MatchLayers.fromJson(expected.match())),
          tapeName,
          problems);
    }
    for (int j = 0; j < recorded.size(); j++) {
      if (!used[j] && !repeatOfUsed(recorded, used, j)) {
        problems.add(
            "the test no longer sends exchange #"
                + (j + 1)
                + " "
                + summary(recorded.get(j).client())
                + where(recorded.get(j)));
      }
    }
    if (problems.isEmpty()) {
      compareNotifications(recorded, live, tapeOptions, problems);
    }
    return problems;
  }

  /**
   * The first unused recorded exchange whose client message matches, else a used one (a repeat).
   */
  private int pair(
      List<Exchange> recorded, boolean[] used, Exchange actual, MatchSettings options) {
    int repeat = -1;
    for (int j = 0; j < recorded.size(); j++) {
      Exchange expected = recorded.get(j);
      if (sameKind(expected, actual)
          && comparator
              .differences(
                  expected.client(),
                  actual.client(),
                  options.merge(MatchLayers.fromJson(expected.match())))
              .isEmpty()) {
        if (!used[j]) {
          return j;
        }
        if (repeat < 0) {
          repeat = j;
        }
      }
    }
    return repeat;
  }

  private static boolean sameKind(Exchange a, Exchange b) {
    return a.client().has("id") == b.client().has("id")
        && java.util.Objects.equals(a.method(), b.method());
  }

  private boolean repeatOfUsed(List<Exchange> recorded, boolean[] used, int j) {
    for (int k = 0; k < recorded.size(); k++) {
      if (used[k]
          && sameKind(recorded.get(k), recorded.get(j))
          && comparator
              .differences(
                  recorded.get(k).client(), recorded.get(j).client(), MatchSettings.DEFAULTS)
              .isEmpty()) {
        return true;
      }
    }
    return false;
  }

  private void newRequest(
      List<Exchange> recorded,
      boolean[] used,
      Exchange actual,
      int liveIndex,
      String tapeName,
      MatchSettings options,
      List<String> out) {
    int next = 0;
    while (next < used.length && used[next]) {
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
    int nearest = -1;
    List<String> nearestDifferences = List.of();
    for (int j = 0; j < recorded.size(); j++) {
      if (sameKind(recorded.get(j), actual)) {
        List<String> differences =
            comparator.differences(recorded.get(j).client(), actual.client(), options);
        if (nearest < 0 || differences.size() < nearestDifferences.size()) {
          nearest = j;
          nearestDifferences = differences;
        }
      }
    }
    if (nearest >= 0) {
      out.add(
          "  the nearest recorded request is exchange #"
              + (nearest + 1)
              + where(recorded.get(nearest))
              + ":");
      nearestDifferences.forEach(difference -> out.add("    " + difference));
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

  private void compareNotifications(
      List<Exchange> recorded, List<Exchange> live, MatchSettings options, List<String> out) {
    List<JsonNode> unmatched = new ArrayList<>();
    live.forEach(exchange -> unmatched.addAll(exchange.notifications()));
    for (int i = 0; i < recorded.size(); i++) {
      for (JsonNode expected : recorded.get(i).notifications()) {
        JsonNode found = null;
        for (JsonNode candidate : unmatched) {
          if (comparator.differences(expected, candidate, options).isEmpty()) {
            found = candidate;
            break;
          }
        }
        if (found == null) {
          out.add(
              "exchange #"
                  + (i + 1)
                  + where(recorded.get(i))
                  + ": the live server did not send the notification "
                  + summary(expected));
        } else {
          unmatched.remove(found);
        }
      }
    }
    for (JsonNode extra : options.strict() ? unmatched : List.<JsonNode>of()) {
      out.add("the live server sent a notification the tape does not hold: " + summary(extra));
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
