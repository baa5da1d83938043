package dev.cassette.engine.match;

import java.util.ArrayList;
import java.util.List;
import org.apiguardian.api.API;
import tools.jackson.databind.JsonNode;

/**
 * Compares the notifications a tape expects in an exchange's window with those that arrived:
 * unordered by default (each expected one needs a distinct matching live one), in order when asked;
 * live notifications nobody expected count only when {@code strict}.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class NotificationMatcher {

  private NotificationMatcher() {}

  /** Whether every expected notification has arrived (the awaiting loop's condition). */
  public static boolean allArrived(
      List<JsonNode> expected, List<JsonNode> actual, MatchSettings settings) {
    return assign(expected, actual, settings).unmatched.isEmpty();
  }

  /**
   * The indexes of the expected notifications no live one matches, in order: each expected one is
   * paired with the first unpaired live one of its method that matches it (after the previous
   * one's, when ordered).
   */
  public static List<Integer> unmatched(
      List<JsonNode> expected, List<JsonNode> actual, MatchSettings settings) {
    return List.copyOf(assign(expected, actual, settings).unmatched);
  }

  /** The live notifications no expected one was paired with, in arrival order. */
  public static List<JsonNode> unexpected(
      List<JsonNode> expected, List<JsonNode> actual, MatchSettings settings) {
    boolean[] used = assign(expected, actual, settings).used;
    List<JsonNode> extra = new ArrayList<>();
    for (int j = 0; j < actual.size(); j++) {
      if (!used[j]) {
        extra.add(actual.get(j));
      }
    }
    return extra;
  }

  /** Every difference, with paths under {@code notifications[i]}. */
  public static List<Difference> compare(
      List<JsonNode> expected, List<JsonNode> actual, MatchSettings settings) {
    Assignment assignment = assign(expected, actual, settings);
    List<Difference> differences = new ArrayList<>();
    for (int i : assignment.unmatched) {
      JsonNode wanted = expected.get(i);
      String prefix = "notifications[" + i + "]";
      JsonNode nearest = nearest(wanted, actual, assignment.used, settings);
      if (nearest == null) {
        differences.add(
            new Difference(
                prefix,
                Difference.Kind.MISSING,
                JsonComparison.render(wanted),
                "no " + method(wanted) + " notification"));
      } else {
        List<Difference> found = JsonComparison.compare(wanted, nearest, settings);
        if (found.isEmpty()) {
          differences.add(
              new Difference(
                  prefix,
                  Difference.Kind.DIFFERENT,
                  method(wanted) + " in recorded order",
                  "out of order"));
        }
        for (Difference difference : found) {
          differences.add(difference.under(prefix));
        }
      }
    }
    if (settings.strict()) {
      for (int j = 0; j < actual.size(); j++) {
        if (!assignment.used[j]) {
          differences.add(
              new Difference(
                  "notifications",
                  Difference.Kind.EXTRA,
                  "no further notification",
                  JsonComparison.render(actual.get(j))));
        }
      }
    }
    return differences;
  }

  private record Assignment(List<Integer> unmatched, boolean[] used) {}

  private static Assignment assign(
      List<JsonNode> expected, List<JsonNode> actual, MatchSettings settings) {
    boolean[] used = new boolean[actual.size()];
    List<Integer> unmatched = new ArrayList<>();
    int from = 0;
    for (int i = 0; i < expected.size(); i++) {
      JsonNode wanted = expected.get(i);
      int found = -1;
      for (int j = settings.orderedNotifications() ? from : 0; j < actual.size(); j++) {
        if (!used[j]
            && method(wanted).equals(method(actual.get(j)))
            && JsonComparison.compare(wanted, actual.get(j), settings).isEmpty()) {
          found = j;
          break;
        }
      }
      if (found < 0) {
        unmatched.add(i);
      } else {
        used[found] = true;
        from = found + 1;
      }
    }
    return new Assignment(unmatched, used);
  }

  private static JsonNode nearest(
      JsonNode wanted, List<JsonNode> actual, boolean[] used, MatchSettings settings) {
    JsonNode best = null;
    int bestCount = Integer.MAX_VALUE;
    for (int j = 0; j < actual.size(); j++) {
      if (!used[j] && method(wanted).equals(method(actual.get(j)))) {
        int count = JsonComparison.compare(wanted, actual.get(j), settings).size();
        if (count < bestCount) {
          best = actual.get(j);
          bestCount = count;
        }
      }
    }
    return best;
  }

  private static String method(JsonNode notification) {
    return notification.path("method").asString("");
  }
}
