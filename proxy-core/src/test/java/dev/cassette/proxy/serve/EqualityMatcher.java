package dev.cassette.proxy.serve;

import dev.cassette.proxy.tape.Tape;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A stand-in for the engine's matcher in proxy-core's own tests: plain equality of the messages
 * without {@code id} and {@code jsonrpc}, one line per differing leaf.
 */
final class EqualityMatcher implements RequestMatcher {

  @Override
  public List<String> differences(Tape tape, int index, JsonNode incoming) {
    List<String> out = new ArrayList<>();
    compare(bare(tape.exchanges().get(index).client()), bare(incoming), "$", out);
    return out;
  }

  private static JsonNode bare(JsonNode message) {
    ObjectNode copy = (ObjectNode) message.deepCopy();
    copy.remove("id");
    copy.remove("jsonrpc");
    return copy;
  }

  private static void compare(JsonNode expected, JsonNode actual, String path, List<String> out) {
    if (expected != null && actual != null && expected.isObject() && actual.isObject()) {
      for (Map.Entry<String, JsonNode> field : expected.properties()) {
        compare(field.getValue(), actual.get(field.getKey()), path + "." + field.getKey(), out);
      }
      for (String name : actual.propertyNames()) {
        if (!expected.has(name)) {
          compare(null, actual.get(name), path + "." + name, out);
        }
      }
    } else if (expected == null || !expected.equals(actual)) {
      out.add(path + ": expected <" + expected + "> but was <" + actual + ">");
    }
  }
}
