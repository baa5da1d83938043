package dev.cassette.engine.jupiter;

import dev.cassette.proxy.jsonrpc.Json;
import java.util.ArrayList;
import java.util.List;
import net.javacrumbs.jsonunit.core.Configuration;
import net.javacrumbs.jsonunit.core.Option;
import net.javacrumbs.jsonunit.core.internal.Diff;
import net.javacrumbs.jsonunit.core.listener.Difference;
import net.javacrumbs.jsonunit.core.listener.DifferenceContext;
import net.javacrumbs.jsonunit.core.listener.DifferenceListener;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The one adapter to json-unit: placeholders, ignored paths and options, every difference. */
final class JsonUnitComparator implements JsonComparator {

  @Override
  public List<String> differences(JsonNode expected, JsonNode actual, MatchOptions options) {
    List<String> found = new ArrayList<>();
    DifferenceListener listener =
        (Difference difference, DifferenceContext context) -> found.add(describe(difference));
    Configuration configuration = Configuration.empty().withDifferenceListener(listener);
    for (String path : options.ignore()) {
      configuration = configuration.whenIgnoringPaths(jsonUnitPath(path));
    }
    if (options.ignoreArrayOrder()) {
      configuration = configuration.withOptions(Option.IGNORING_ARRAY_ORDER);
    }
    if (options.ignoreExtraFields()) {
      configuration = configuration.withOptions(Option.IGNORING_EXTRA_FIELDS);
    }
    Diff diff =
        Diff.create(
            Json.compact(withoutEnvelope(expected)),
            Json.compact(withoutEnvelope(actual)),
            "actual",
            "",
            configuration);
    diff.similar();
    return found;
  }

  private static JsonNode withoutEnvelope(JsonNode message) {
    if (message instanceof ObjectNode object) {
      ObjectNode copy = object.deepCopy();
      copy.remove("id");
      copy.remove("jsonrpc");
      return copy;
    }
    return message;
  }

  /** json-unit paths have no {@code $.} root. */
  private static String jsonUnitPath(String path) {
    if (path.startsWith("$.")) {
      return path.substring(2);
    }
    return path.equals("$") ? "" : path;
  }

  private static String describe(Difference difference) {
    String path =
        difference.getActualPath() != null
            ? difference.getActualPath()
            : difference.getExpectedPath();
    String where = path == null || path.isEmpty() ? "$" : "$." + path;
    return switch (difference.getType()) {
      case EXTRA -> where + ": unexpected: <" + render(difference.getActual()) + ">";
      case MISSING ->
          "$."
              + difference.getExpectedPath()
              + ": expected: <"
              + render(difference.getExpected())
              + "> but was missing";
      default ->
          where
              + ": expected: <"
              + render(difference.getExpected())
              + "> but was: <"
              + render(difference.getActual())
              + ">";
    };
  }

  private static String render(Object value) {
    String text =
        value instanceof String || value instanceof Number || value instanceof Boolean
            ? Json.mapper().writeValueAsString(value)
            : String.valueOf(value);
    return text.length() > 300 ? text.substring(0, 297) + "..." : text;
  }
}
