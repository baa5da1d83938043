package dev.cassette.proxy.serve;

import dev.cassette.proxy.match.BoundedRegex;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Structural comparison with {@code ignorePaths} and json-unit placeholders in recorded values. */
final class StructuralMatcher implements RequestMatcher {

  private static final String PLACEHOLDER = "${json-unit.";

  @Override
  public List<String> differences(JsonNode recorded, JsonNode incoming, ObjectNode match) {
    List<Pattern> ignored = ignoredPaths(match);
    List<String> differences = new ArrayList<>();
    compare(withoutEnvelope(recorded), withoutEnvelope(incoming), "$", ignored, differences);
    return differences;
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

  static List<Pattern> ignoredPaths(ObjectNode match) {
    List<Pattern> patterns = new ArrayList<>();
    JsonNode ignore = match == null ? null : match.get("ignorePaths");
    if (ignore != null && ignore.isArray()) {
      for (JsonNode path : ignore) {
        patterns.add(pathPattern(path.asString()));
      }
    }
    return patterns;
  }

  /** {@code $.a[*].b} matches {@code $.a[3].b} and everything below it. */
  static Pattern pathPattern(String given) {
    String path = given.startsWith("$") ? given : "$." + given;
    String regex =
        Pattern.quote(path).replace("[*]", "\\E\\[\\d+\\]\\Q").replace(".*", "\\E\\.[^.\\[]+\\Q");
    return Pattern.compile(regex + "(?:[.\\[].*)?");
  }

  private static void compare(
      JsonNode expected, JsonNode actual, String path, List<Pattern> ignored, List<String> out) {
    if (isIgnored(path, ignored)) {
      return;
    }
    if (expected.isString() && expected.asString().startsWith(PLACEHOLDER)) {
      String problem = placeholderProblem(expected.asString(), actual);
      if (problem != null) {
        out.add(path + ": " + problem);
      }
      return;
    }
    if (expected.isObject() && actual.isObject()) {
      compareObjects(expected, actual, path, ignored, out);
    } else if (expected.isArray() && actual.isArray()) {
      compareArrays(expected, actual, path, ignored, out);
    } else if (!sameValue(expected, actual)) {
      out.add(path + ": expected <" + expected + "> but was <" + actual + ">");
    }
  }

  private static void compareObjects(
      JsonNode expected, JsonNode actual, String path, List<Pattern> ignored, List<String> out) {
    for (Iterator<Map.Entry<String, JsonNode>> it = expected.properties().iterator();
        it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      String childPath = path + "." + field.getKey();
      JsonNode other = actual.get(field.getKey());
      if (other == null) {
        if (!isIgnored(childPath, ignored)) {
          out.add(childPath + ": expected <" + field.getValue() + "> but was missing");
        }
      } else {
        compare(field.getValue(), other, childPath, ignored, out);
      }
    }
    for (String name : actual.propertyNames()) {
      String childPath = path + "." + name;
      if (!expected.has(name) && !isIgnored(childPath, ignored)) {
        out.add(childPath + ": unexpected <" + actual.get(name) + ">");
      }
    }
  }

  private static void compareArrays(
      JsonNode expected, JsonNode actual, String path, List<Pattern> ignored, List<String> out) {
    int common = Math.min(expected.size(), actual.size());
    for (int i = 0; i < common; i++) {
      compare(expected.get(i), actual.get(i), path + "[" + i + "]", ignored, out);
    }
    if (expected.size() != actual.size()) {
      out.add(
          path
              + ": expected an array of "
              + expected.size()
              + " but was an array of "
              + actual.size());
    }
  }

  private static boolean sameValue(JsonNode expected, JsonNode actual) {
    if (expected.isNumber() && actual.isNumber()) {
      return expected.decimalValue().compareTo(actual.decimalValue()) == 0;
    }
    return expected.equals(actual);
  }

  private static boolean isIgnored(String path, List<Pattern> ignored) {
    for (Pattern pattern : ignored) {
      if (pattern.matcher(path).matches()) {
        return true;
      }
    }
    return false;
  }

  private static String regexProblem(String regex, JsonNode actual) {
    String expected = "expected a string matching <" + regex + "> but was <" + actual + ">";
    if (!actual.isString()) {
      return expected;
    }
    try {
      return BoundedRegex.matches(regex, actual.asString()) ? null : expected;
    } catch (PatternSyntaxException e) {
      return "bad regex placeholder <" + regex + ">: " + e.getDescription();
    } catch (BoundedRegex.TooSlowException e) {
      return "placeholder "
          + BoundedRegex.PLACEHOLDER
          + regex
          + " took longer than "
          + BoundedRegex.describe(e.budget())
          + " to match; simplify the pattern";
    }
  }

  /** Returns why {@code actual} does not satisfy the placeholder, or {@code null} if it does. */
  private static String placeholderProblem(String placeholder, JsonNode actual) {
    String kind = placeholder.substring(PLACEHOLDER.length());
    if (kind.startsWith("regex}")) {
      return regexProblem(kind.substring("regex}".length()), actual);
    }
    boolean ok =
        switch (kind) {
          case "ignore}", "ignore-element}" -> true;
          case "any-string}" -> actual.isString();
          case "any-number}" -> actual.isNumber();
          case "any-boolean}" -> actual.isBoolean();
          case "any-object}" -> actual.isObject();
          case "any-array}" -> actual.isArray();
          default -> actual.isString() && actual.asString().equals(placeholder);
        };
    return ok ? null : "expected <" + placeholder + "> but was <" + actual + ">";
  }
}
