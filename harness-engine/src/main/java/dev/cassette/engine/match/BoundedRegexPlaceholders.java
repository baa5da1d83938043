package dev.cassette.engine.match;

import dev.cassette.proxy.match.BoundedRegex;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.PatternSyntaxException;
import net.javacrumbs.jsonunit.core.ParametrizedMatcher;
import org.hamcrest.BaseMatcher;
import org.hamcrest.Description;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * Hands json-unit's {@code ${json-unit.regex}} placeholders to a matcher that decides within {@link
 * BoundedRegex#BUDGET}: each one in the recorded value becomes {@code ${json-unit.matches:…}} with
 * the same pattern, and this matcher remembers which pattern was too slow for which live value, so
 * that the difference json-unit then reports can be named for what it is. One instance per
 * comparison (json-unit sets the pattern before each match).
 */
final class BoundedRegexPlaceholders extends BaseMatcher<Object> implements ParametrizedMatcher {

  /** The matcher's name in the rewritten placeholders. */
  static final String NAME = "cassette.bounded-regex";

  private static final String REWRITTEN = "${json-unit.matches:" + NAME + "}";

  private record Attempt(String regex, String input) {}

  private final Set<Attempt> tooSlow = new HashSet<>();
  private String regex = "";

  /** {@code recorded} with every regex placeholder rewritten, or itself when it holds none. */
  static JsonNode rewrite(JsonNode recorded) {
    if (recorded == null || !holdsPlaceholder(recorded)) {
      return recorded;
    }
    return rewriteCopy(recorded);
  }

  /** The placeholder as the tape holds it, if {@code rewritten} is a rewritten one, else null. */
  static String original(Object rewritten) {
    String text =
        rewritten instanceof JsonNode node && node.isString()
            ? node.stringValue()
            : rewritten instanceof String string ? string : null;
    return text != null && text.startsWith(REWRITTEN)
        ? BoundedRegex.PLACEHOLDER + text.substring(REWRITTEN.length())
        : null;
  }

  /** Whether matching {@code placeholder} against {@code actual} ran out of time. */
  boolean wasTooSlow(String placeholder, Object actual) {
    String pattern = BoundedRegex.patternOf(placeholder);
    String input =
        actual instanceof JsonNode node && node.isString()
            ? node.stringValue()
            : actual instanceof String string ? string : null;
    return pattern != null && input != null && tooSlow.contains(new Attempt(pattern, input));
  }

  @Override
  public void setParameter(String parameter) {
    regex = parameter;
  }

  @Override
  public boolean matches(Object actual) {
    if (!(actual instanceof String input)) {
      return false;
    }
    Attempt attempt = new Attempt(regex, input);
    if (tooSlow.contains(attempt)) {
      return false;
    }
    try {
      return BoundedRegex.matches(regex, input);
    } catch (BoundedRegex.TooSlowException e) {
      tooSlow.add(attempt);
      return false;
    } catch (PatternSyntaxException e) {
      return false;
    }
  }

  @Override
  public void describeTo(Description description) {
    description.appendText("a string matching ").appendValue(regex);
  }

  private static boolean holdsPlaceholder(JsonNode node) {
    if (node.isString()) {
      return BoundedRegex.patternOf(node.stringValue()) != null;
    }
    for (JsonNode child : node) {
      if (holdsPlaceholder(child)) {
        return true;
      }
    }
    return false;
  }

  private static JsonNode rewriteCopy(JsonNode node) {
    if (node.isString()) {
      String pattern = BoundedRegex.patternOf(node.stringValue());
      return pattern == null ? node : StringNode.valueOf(REWRITTEN + pattern);
    }
    if (node instanceof ObjectNode object) {
      ObjectNode copy = object.objectNode();
      for (Map.Entry<String, JsonNode> entry : object.properties()) {
        copy.set(entry.getKey(), rewriteCopy(entry.getValue()));
      }
      return copy;
    }
    if (node instanceof ArrayNode array) {
      ArrayNode copy = array.arrayNode();
      array.forEach(element -> copy.add(rewriteCopy(element)));
      return copy;
    }
    return node;
  }
}
