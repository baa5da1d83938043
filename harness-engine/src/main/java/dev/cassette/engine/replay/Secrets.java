package dev.cassette.engine.replay;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * Puts secrets back into a client message before it is sent: {@code ${secret:NAME}} placeholders
 * (which recording wrote instead of secret values) become the value of environment variable {@code
 * NAME}; a placeholder whose variable is unset stays as written.
 */
final class Secrets {

  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{secret:([A-Za-z0-9_.-]+)}");

  private Secrets() {}

  static JsonNode restore(JsonNode message, Map<String, String> environment) {
    if (!message.toString().contains("${secret:")) {
      return message;
    }
    JsonNode copy = message.deepCopy();
    return walk(copy, environment);
  }

  private static JsonNode walk(JsonNode node, Map<String, String> environment) {
    if (node instanceof ObjectNode object) {
      for (var entry : object.properties()) {
        entry.setValue(walk(entry.getValue(), environment));
      }
    } else if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        array.set(i, walk(array.get(i), environment));
      }
    } else if (node.isString() && node.stringValue().contains("${secret:")) {
      Matcher matcher = PLACEHOLDER.matcher(node.stringValue());
      StringBuilder restored = new StringBuilder();
      while (matcher.find()) {
        String value = environment.get(matcher.group(1));
        matcher.appendReplacement(
            restored, Matcher.quoteReplacement(value == null ? matcher.group() : value));
      }
      matcher.appendTail(restored);
      return StringNode.valueOf(restored.toString());
    }
    return node;
  }
}
