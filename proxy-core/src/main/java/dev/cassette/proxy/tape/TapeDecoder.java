package dev.cassette.proxy.tape;

import dev.cassette.proxy.jsonrpc.JsonRpcMessage;
import dev.cassette.proxy.jsonrpc.MalformedMessageException;
import dev.cassette.proxy.match.MatchPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Turns a parsed tape document into a {@link Tape}, naming the position of every bad value. */
final class TapeDecoder {

  private static final Set<String> TOP =
      Set.of("cassette", "name", "tags", "recorded", "server", "components", "match", "exchanges");
  private static final Set<String> RECORDED = Set.of("at", "by");
  private static final Set<String> SERVER =
      Set.of(
          "transport",
          "command",
          "url",
          "embedded",
          "env",
          "workingDirectory",
          "componentDir",
          "protocolVersion",
          "serverInfo");
  private static final Set<String> COMPONENT = Set.of("id", "source", "sha256", "tools", "policy");
  private static final Set<String> EXCHANGE =
      Set.of("client", "response", "notifications", "serverRequests", "elapsedMillis", "match");
  private static final Set<String> SERVER_REQUEST = Set.of("request", "response");
  private static final List<String> MATCH_PATHS = List.of("ignorePaths", "ignoreArrayOrder");

  private final LocatedTree tree;
  private final String sourceName;

  private TapeDecoder(LocatedTree tree, String sourceName) {
    this.tree = tree;
    this.sourceName = sourceName;
  }

  static Tape decode(LocatedTree tree, String sourceName) throws TapeFormatException {
    return new TapeDecoder(tree, sourceName).tape();
  }

  private Tape tape() throws TapeFormatException {
    Node root = new Node(tree.root(), "", "the tape");
    ObjectNode top = root.object();
    Node version = root.required("cassette", "(the tape format version)");
    int formatVersion = version(version);
    return new Tape(
        formatVersion,
        root.required("name", "").string(),
        strings(root.optional("tags")),
        recorded(root.optional("recorded")),
        server(root.optional("server")),
        components(root.optional("components")),
        matchBlock(root.optional("match")),
        exchanges(root.required("exchanges", "")),
        extensions(top, TOP));
  }

  private int version(Node version) throws TapeFormatException {
    JsonNode value = version.value;
    if (!value.isIntegralNumber()) {
      throw version.error("must be an integer (the tape format version) but was " + kind(value));
    }
    java.math.BigInteger major = value.bigIntegerValue();
    if (major.compareTo(java.math.BigInteger.valueOf(Tape.FORMAT_VERSION)) > 0) {
      throw new TapeFormatException(
          sourceName,
          tree.positionOf(version.pointer),
          "this tape was written by a newer Cassette (tape format version "
              + major
              + "); this release reads version "
              + Tape.FORMAT_VERSION);
    }
    if (major.signum() <= 0) {
      throw version.error("must be " + Tape.FORMAT_VERSION + " but was " + major);
    }
    return major.intValue();
  }

  private Recording recorded(Node node) throws TapeFormatException {
    if (node == null) {
      return null;
    }
    ObjectNode object = node.object();
    return new Recording(
        stringOrNull(node.optional("at")),
        stringOrNull(node.optional("by")),
        extensions(object, RECORDED));
  }

  private ServerSpec server(Node node) throws TapeFormatException {
    if (node == null) {
      return null;
    }
    ObjectNode object = node.object();
    return new ServerSpec(
        node.required("transport", "").string(),
        strings(node.optional("command")),
        stringOrNull(node.optional("url")),
        objectOrNull(node.optional("embedded")),
        strings(node.optional("env")),
        stringOrNull(node.optional("workingDirectory")),
        stringOrNull(node.optional("componentDir")),
        stringOrNull(node.optional("protocolVersion")),
        objectOrNull(node.optional("serverInfo")),
        extensions(object, SERVER));
  }

  private List<Component> components(Node node) throws TapeFormatException {
    List<Component> components = new ArrayList<>();
    for (Node element : elements(node)) {
      ObjectNode object = element.object();
      components.add(
          new Component(
              element.required("id", "").string(),
              stringOrNull(element.optional("source")),
              element.required("sha256", "").string(),
              strings(element.optional("tools")),
              stringOrNull(element.optional("policy")),
              extensions(object, COMPONENT)));
    }
    return components;
  }

  private List<Exchange> exchanges(Node node) throws TapeFormatException {
    node.array();
    List<Exchange> exchanges = new ArrayList<>();
    for (Node element : elements(node)) {
      exchanges.add(exchange(element));
    }
    return exchanges;
  }

  private Exchange exchange(Node node) throws TapeFormatException {
    ObjectNode object = node.object();
    List<JsonNode> notifications = new ArrayList<>();
    for (Node notification : elements(node.optional("notifications"))) {
      notifications.add(notification.message());
    }
    List<Exchange.ServerRequest> serverRequests = new ArrayList<>();
    for (Node serverRequest : elements(node.optional("serverRequests"))) {
      serverRequests.add(serverRequest(serverRequest));
    }
    Node elapsed = node.optional("elapsedMillis");
    return new Exchange(
        node.required("client", "").message(),
        messageOrNull(node.optional("response")),
        notifications,
        serverRequests,
        elapsed == null ? -1 : elapsed.count(),
        matchBlock(node.optional("match")),
        extensions(object, EXCHANGE),
        tree.positionOf(node.pointer));
  }

  private Exchange.ServerRequest serverRequest(Node node) throws TapeFormatException {
    ObjectNode object = node.object();
    for (String name : object.propertyNames()) {
      if (!SERVER_REQUEST.contains(name)) {
        throw node.member(name)
            .error("is not a known field; a server request has only \"request\" and \"response\"");
      }
    }
    return new Exchange.ServerRequest(
        node.required("request", "").message(), messageOrNull(node.optional("response")));
  }

  private List<Node> elements(Node node) throws TapeFormatException {
    if (node == null) {
      return List.of();
    }
    ArrayNode array = node.array();
    List<Node> elements = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      elements.add(new Node(array.get(i), node.pointer + "/" + i, node.path + "[" + i + "]"));
    }
    return elements;
  }

  private List<String> strings(Node node) throws TapeFormatException {
    List<String> strings = new ArrayList<>();
    for (Node element : elements(node)) {
      strings.add(element.string());
    }
    return strings;
  }

  private static String stringOrNull(Node node) throws TapeFormatException {
    return node == null ? null : node.string();
  }

  private static ObjectNode objectOrNull(Node node) throws TapeFormatException {
    return node == null ? null : node.object();
  }

  /**
   * A {@code match} block, whose paths ({@code ignorePaths}, {@code ignoreArrayOrder}) must parse;
   * the other settings are checked where they are used.
   */
  private static ObjectNode matchBlock(Node node) throws TapeFormatException {
    ObjectNode block = objectOrNull(node);
    if (block == null) {
      return null;
    }
    for (String key : MATCH_PATHS) {
      Node paths = node.optional(key);
      if (paths == null) {
        continue;
      }
      if (paths.value.isString()) {
        checkPath(paths);
      } else if (paths.value.isArray()) {
        for (Node path : paths.elementsOf()) {
          if (path.value.isString()) {
            checkPath(path);
          }
        }
      }
    }
    return block;
  }

  private static void checkPath(Node path) throws TapeFormatException {
    String problem = MatchPath.problem(path.value.asString());
    if (problem != null) {
      throw path.error(path.value + " is not a path: " + problem);
    }
  }

  private static JsonNode messageOrNull(Node node) throws TapeFormatException {
    return node == null ? null : node.message();
  }

  private static ObjectNode extensions(ObjectNode object, Set<String> known) {
    ObjectNode extensions = null;
    for (var entry : object.properties()) {
      if (!known.contains(entry.getKey())) {
        if (extensions == null) {
          extensions = JsonNodeFactory.instance.objectNode();
        }
        extensions.set(entry.getKey(), entry.getValue());
      }
    }
    return extensions;
  }

  static String kind(JsonNode value) {
    return switch (value.getNodeType()) {
      case ARRAY -> "an array";
      case OBJECT, POJO -> "an object";
      case STRING -> "a string";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      case NULL, MISSING -> "null";
      case BINARY -> "binary data";
    };
  }

  /** A value in the document with its JSON Pointer and a readable path for messages. */
  private final class Node {
    private final JsonNode value;
    private final String pointer;
    private final String path;

    Node(JsonNode value, String pointer, String path) {
      this.value = value;
      this.pointer = pointer;
      this.path = path;
    }

    TapeFormatException error(String reason) {
      return new TapeFormatException(sourceName, tree.positionOf(pointer), path + " " + reason);
    }

    Node member(String name) {
      String memberPath = pointer.isEmpty() ? name : path + "." + name;
      return new Node(value.get(name), LocatedTree.child(pointer, name), memberPath);
    }

    /** The member, or {@code null} when it is absent or JSON {@code null}. */
    Node optional(String name) {
      JsonNode member = value.get(name);
      return member == null || member.isNull() ? null : member(name);
    }

    Node required(String name, String description) throws TapeFormatException {
      Node member = optional(name);
      if (member == null) {
        String what = description.isEmpty() ? "" : " " + description;
        throw new TapeFormatException(
            sourceName,
            tree.positionOf(pointer),
            (pointer.isEmpty() ? "" : path + " is ") + "missing \"" + name + "\"" + what);
      }
      return member;
    }

    ObjectNode object() throws TapeFormatException {
      if (value instanceof ObjectNode object) {
        return object;
      }
      throw error("must be an object but was " + kind(value));
    }

    /** The elements of an array value (any other value has none). */
    List<Node> elementsOf() {
      List<Node> elements = new ArrayList<>();
      for (int i = 0; i < value.size() && value.isArray(); i++) {
        elements.add(new Node(value.get(i), pointer + "/" + i, path + "[" + i + "]"));
      }
      return elements;
    }

    ArrayNode array() throws TapeFormatException {
      if (value instanceof ArrayNode array) {
        return array;
      }
      throw error("must be an array but was " + kind(value));
    }

    String string() throws TapeFormatException {
      if (value.isString()) {
        return value.asString();
      }
      throw error("must be a string but was " + kind(value));
    }

    long count() throws TapeFormatException {
      if (value.isIntegralNumber() && value.canConvertToLong() && value.longValue() >= 0) {
        return value.longValue();
      }
      throw error(
          "must be a whole number >= 0 but was " + (value.isNumber() ? value : kind(value)));
    }

    JsonNode message() throws TapeFormatException {
      try {
        JsonRpcMessage.of(value);
        return value;
      } catch (MalformedMessageException e) {
        throw error("is not a JSON-RPC message: " + e.getMessage());
      }
    }
  }
}
