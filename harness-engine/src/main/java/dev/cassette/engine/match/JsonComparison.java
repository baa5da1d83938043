package dev.cassette.engine.match;

import dev.cassette.proxy.jsonrpc.Json;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;
import net.javacrumbs.jsonunit.core.Configuration;
import net.javacrumbs.jsonunit.core.ConfigurationWhen;
import net.javacrumbs.jsonunit.core.Option;
import net.javacrumbs.jsonunit.core.internal.Diff;
import net.javacrumbs.jsonunit.core.listener.DifferenceContext;
import net.javacrumbs.jsonunit.core.listener.DifferenceListener;
import org.apiguardian.api.API;
import tools.jackson.databind.JsonNode;

/**
 * Compares a recorded JSON value with a live one under {@link MatchSettings}; the one place that
 * talks to json-unit. Placeholders in the recorded value ({@code ${json-unit.any-string}}, {@code
 * ${json-unit.regex}…}, {@code ${json-unit.ignore}}, {@code ${json-unit.matches:NAME}}) work as in
 * json-unit, except that a {@code ${json-unit.regex}} pattern gets {@link
 * dev.cassette.proxy.match.BoundedRegex#BUDGET} to match ({@link Difference.Kind#TOO_SLOW} when it
 * takes longer).
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class JsonComparison {

  private static final Map<ClassLoader, List<CassetteMatcher>> MATCHERS = new ConcurrentHashMap<>();

  private JsonComparison() {}

  /**
   * Every difference between {@code expected} and {@code actual}, in document order.
   *
   * @param expected the recorded value (may hold placeholders)
   * @param actual the live value
   * @param settings the matcher settings
   */
  public static List<Difference> compare(
      JsonNode expected, JsonNode actual, MatchSettings settings) {
    JsonNode left = expected;
    JsonNode right = actual;
    if (settings.jsonInText() && expected != null && actual != null) {
      JsonNode[] unwrapped = JsonInText.unwrap(expected, actual);
      left = unwrapped[0];
      right = unwrapped[1];
    }
    if (settings.nullAsAbsent()) {
      left = withoutNulls(left);
      right = withoutNulls(right);
    }
    List<Difference> differences = Collections.synchronizedList(new ArrayList<>());
    BoundedRegexPlaceholders regexes = new BoundedRegexPlaceholders();
    Configuration configuration =
        configuration(settings)
            .withMatcher(BoundedRegexPlaceholders.NAME, regexes)
            .withDifferenceListener(new Collector(differences, regexes));
    JsonNode bounded = BoundedRegexPlaceholders.rewrite(left);
    Diff diff =
        Diff.create(
            bounded == null ? Json.mapper().nullNode() : bounded,
            right == null ? Json.mapper().nullNode() : right,
            "actual",
            "",
            configuration);
    if (diff.similar()) {
      return List.of();
    }
    if (differences.isEmpty()) {
      differences.add(new Difference("", Difference.Kind.DIFFERENT, render(left), render(right)));
    }
    return List.copyOf(differences);
  }

  private static JsonNode withoutNulls(JsonNode node) {
    if (node == null || !node.isContainer()) {
      return node;
    }
    JsonNode copy = node.deepCopy();
    removeNulls(copy);
    return copy;
  }

  private static void removeNulls(JsonNode node) {
    if (node instanceof tools.jackson.databind.node.ObjectNode object) {
      List<String> nulls = new ArrayList<>();
      for (var entry : object.properties()) {
        if (entry.getValue().isNull()) {
          nulls.add(entry.getKey());
        } else {
          removeNulls(entry.getValue());
        }
      }
      object.remove(nulls);
    } else if (node.isArray()) {
      node.forEach(JsonComparison::removeNulls);
    }
  }

  static Configuration configuration(MatchSettings settings) {
    Configuration configuration = Configuration.empty();
    List<Option> options = new ArrayList<>();
    if (settings.ignoreArrayOrder()) {
      options.add(Option.IGNORING_ARRAY_ORDER);
    }
    if (settings.ignoreExtraFields()) {
      options.add(Option.IGNORING_EXTRA_FIELDS);
    }
    if (settings.nullAsAbsent()) {
      options.add(Option.TREATING_NULL_AS_ABSENT);
    }
    if (!options.isEmpty()) {
      configuration = configuration.withOptions(options);
    }
    if (!settings.ignorePaths().isEmpty()) {
      configuration = configuration.whenIgnoringPaths(normalise(settings.ignorePaths()));
    }
    for (String path : normalise(settings.ignoreArrayOrderPaths())) {
      configuration =
          configuration.when(
              ConfigurationWhen.path(path), ConfigurationWhen.then(Option.IGNORING_ARRAY_ORDER));
    }
    if (settings.numericTolerance() != null) {
      configuration = configuration.withTolerance(settings.numericTolerance());
    }
    for (CassetteMatcher matcher : matchers()) {
      configuration = configuration.withMatcher(matcher.name(), matcher.matcher());
    }
    return configuration;
  }

  private static List<CassetteMatcher> matchers() {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    return MATCHERS.computeIfAbsent(
        loader,
        l -> {
          List<CassetteMatcher> found = new ArrayList<>();
          ServiceLoader.load(CassetteMatcher.class, l).forEach(found::add);
          return List.copyOf(found);
        });
  }

  private static List<String> normalise(List<String> paths) {
    List<String> result = new ArrayList<>();
    for (String path : paths) {
      String trimmed = path.trim();
      if (trimmed.startsWith("$.")) {
        trimmed = trimmed.substring(2);
      } else if (trimmed.equals("$")) {
        trimmed = "";
      }
      result.add(trimmed);
    }
    return result;
  }

  static String render(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof JsonNode node) {
      return Json.compact(node);
    }
    try {
      return Json.mapper().writeValueAsString(value);
    } catch (RuntimeException e) {
      return String.valueOf(value);
    }
  }

  private record Collector(List<Difference> sink, BoundedRegexPlaceholders regexes)
      implements DifferenceListener {
    @Override
    public void diff(
        net.javacrumbs.jsonunit.core.listener.Difference difference, DifferenceContext context) {
      Difference.Kind kind =
          switch (difference.getType()) {
            case EXTRA -> Difference.Kind.EXTRA;
            case MISSING -> Difference.Kind.MISSING;
            default -> Difference.Kind.DIFFERENT;
          };
      String path =
          kind == Difference.Kind.EXTRA ? difference.getActualPath() : difference.getExpectedPath();
      String placeholder = BoundedRegexPlaceholders.original(difference.getExpected());
      String expected =
          kind == Difference.Kind.EXTRA
              ? "no field"
              : render(placeholder != null ? placeholder : difference.getExpected());
      String actual = kind == Difference.Kind.MISSING ? "no field" : render(difference.getActual());
      if (placeholder != null && regexes.wasTooSlow(placeholder, difference.getActual())) {
        kind = Difference.Kind.TOO_SLOW;
        expected = placeholder;
      }
      sink.add(new Difference(path == null ? "" : path, kind, expected, actual));
    }
  }
}
