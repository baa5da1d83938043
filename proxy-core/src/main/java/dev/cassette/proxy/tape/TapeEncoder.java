package dev.cassette.proxy.tape;

import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns a {@link Tape} into its document tree: the tape's own fields in a fixed order, null and
 * empty optional fields left out, unknown fields after the known ones, messages untouched.
 */
final class TapeEncoder {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private TapeEncoder() {}

  /** The names of the tape's own top-level fields, which extensions cannot replace. */
  private static final java.util.Set<String> TOP =
      java.util.Set.of(
          "cassette", "name", "tags", "recorded", "server", "components", "match", "exchanges");

  static ObjectNode encode(Tape tape) {
    ObjectNode root = head(tape);
    ArrayNode exchanges = root.putArray("exchanges");
    tape.exchanges().forEach(exchange -> exchanges.add(exchange(exchange)));
    root.setAll(tail(tape));
    return root;
  }

  /** The top-level fields that come before {@code exchanges}. */
  static ObjectNode head(Tape tape) {
    ObjectNode root = NODES.objectNode();
    root.put("cassette", tape.version());
    root.put("name", tape.name());
    putStrings(root, "tags", tape.tags());
    putObject(root, "recorded", recorded(tape.recorded()));
    putObject(root, "server", server(tape.server()));
    if (!tape.components().isEmpty()) {
      ArrayNode components = root.putArray("components");
      tape.components().forEach(component -> components.add(component(component)));
    }
    putObject(root, "match", tape.match());
    return root;
  }

  /** The top-level fields that come after {@code exchanges}: the tape's unknown fields. */
  static ObjectNode tail(Tape tape) {
    ObjectNode tail = NODES.objectNode();
    if (tape.extensions() != null) {
      for (Map.Entry<String, JsonNode> entry : tape.extensions().properties()) {
        if (!TOP.contains(entry.getKey())) {
          tail.set(entry.getKey(), entry.getValue());
        }
      }
    }
    return tail;
  }

  private static ObjectNode recorded(Recording recorded) {
    if (recorded == null) {
      return null;
    }
    ObjectNode node = NODES.objectNode();
    putString(node, "at", recorded.at());
    putString(node, "by", recorded.by());
    putExtensions(node, recorded.extensions());
    return node;
  }

  private static ObjectNode server(ServerSpec server) {
    if (server == null) {
      return null;
    }
    ObjectNode node = NODES.objectNode();
    node.put("transport", server.transport());
    putStrings(node, "command", server.command());
    putString(node, "url", server.url());
    putObject(node, "embedded", server.embedded());
    putStrings(node, "env", server.env());
    putString(node, "workingDirectory", server.workingDirectory());
    putString(node, "componentDir", server.componentDir());
    putString(node, "protocolVersion", server.protocolVersion());
    if (server.serverInfo() != null && !server.serverInfo().isNull()) {
      node.set("serverInfo", server.serverInfo());
    }
    putExtensions(node, server.extensions());
    return node;
  }

  private static ObjectNode component(Component component) {
    ObjectNode node = NODES.objectNode();
    node.put("id", component.id());
    putString(node, "source", component.source());
    node.put("sha256", component.sha256());
    putStrings(node, "tools", component.tools());
    putString(node, "policy", component.policy());
    putExtensions(node, component.extensions());
    return node;
  }

  static ObjectNode exchange(Exchange exchange) {
    ObjectNode node = NODES.objectNode();
    node.set("client", exchange.client());
    if (exchange.response() != null && !exchange.response().isNull()) {
      node.set("response", exchange.response());
    }
    if (!exchange.notifications().isEmpty()) {
      node.putArray("notifications").addAll(exchange.notifications());
    }
    if (!exchange.serverRequests().isEmpty()) {
      ArrayNode serverRequests = node.putArray("serverRequests");
      for (Exchange.ServerRequest serverRequest : exchange.serverRequests()) {
        ObjectNode pair = serverRequests.addObject();
        pair.set("request", serverRequest.request());
        if (serverRequest.response() != null && !serverRequest.response().isNull()) {
          pair.set("response", serverRequest.response());
        }
      }
    }
    if (exchange.elapsedMillis() >= 0) {
      node.put("elapsedMillis", exchange.elapsedMillis());
    }
    putObject(node, "match", exchange.match());
    putExtensions(node, exchange.extensions());
    return node;
  }

  private static void putString(ObjectNode node, String name, String value) {
    if (value != null) {
      node.put(name, value);
    }
  }

  private static void putStrings(ObjectNode node, String name, List<String> values) {
    if (!values.isEmpty()) {
      ArrayNode array = node.putArray(name);
      values.forEach(array::add);
    }
  }

  private static void putObject(ObjectNode node, String name, ObjectNode value) {
    if (value != null && !value.isEmpty()) {
      node.set(name, value);
    }
  }

  private static void putExtensions(ObjectNode node, ObjectNode extensions) {
    if (extensions == null) {
      return;
    }
    for (Map.Entry<String, JsonNode> entry : extensions.properties()) {
      if (!node.has(entry.getKey())) {
        node.set(entry.getKey(), entry.getValue());
      }
    }
  }
}
