package dev.cassette.proxy.record;

import dev.cassette.proxy.jsonrpc.Json;
import dev.cassette.proxy.jsonrpc.JsonRpcMessage;
import dev.cassette.proxy.jsonrpc.JsonRpcMessage.Batch;
import dev.cassette.proxy.jsonrpc.JsonRpcMessage.Request;
import dev.cassette.proxy.jsonrpc.JsonRpcMessage.Response;
import dev.cassette.proxy.session.SessionListener.Direction;
import dev.cassette.proxy.tape.Component;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The components of a recorded session and their tool surface, from the journal: the ones preloaded
 * from the server's component folder, and the ones a {@code load-component} call loaded, counted
 * only once the server answered that call with success (a failed load leaves no component). The
 * tools of each come from what the server said: the {@code tools} of a successful load's result, or
 * a {@code list-components} result ({@code components[].schema.tools[].name}).
 */
final class ComponentLedger {

  static final String LIST_COMPONENTS = "list-components";

  private final Map<String, Component> components = new LinkedHashMap<>();
  private final Map<String, Component> pendingLoads = new HashMap<>();
  private final Set<String> pendingLists = new HashSet<>();
  private final Map<String, List<String>> listedTools = new HashMap<>();

  /** A component entry of the journal; {@code request} is the id of the call that loads it. */
  void component(Component component, JsonNode request) {
    if (request == null || request.isNull()) {
      components.put(component.id(), component);
    } else {
      pendingLoads.put(ExchangeAssembler.idKey(request), component);
    }
  }

  /** A relayed message: notes {@code list-components} calls and settles pending loads. */
  void message(Direction direction, JsonRpcMessage message) {
    for (JsonRpcMessage part : parts(message)) {
      if (direction == Direction.CLIENT_TO_SERVER && part instanceof Request request) {
        if (LIST_COMPONENTS.equals(calledTool(request))) {
          pendingLists.add(ExchangeAssembler.idKey(request.id()));
        }
      } else if (direction == Direction.SERVER_TO_CLIENT && part instanceof Response response) {
        settle(response);
      }
    }
  }

  /** The components in the order they came into play, each with the tools the server listed. */
  List<Component> components() {
    List<Component> all = new ArrayList<>(components.size());
    for (Component component : components.values()) {
      List<String> tools = listedTools.get(component.id());
      all.add(
          component.tools().isEmpty() && tools != null ? component.withTools(tools) : component);
    }
    return List.copyOf(all);
  }

  private void settle(Response response) {
    String key = ExchangeAssembler.idKey(response.id());
    Component loaded = pendingLoads.remove(key);
    boolean listed = pendingLists.remove(key);
    Optional<JsonNode> result = successfulResult(response.json());
    if (result.isEmpty()) {
      return;
    }
    if (loaded != null) {
      components.remove(loaded.id());
      components.put(loaded.id(), loaded.withTools(names(result.get().path("tools"))));
    }
    if (listed) {
      for (JsonNode entry : result.get().path("components")) {
        JsonNode tools = entry.path("schema").path("tools");
        List<String> names = names(tools.isArray() ? tools : entry.path("tools"));
        if (entry.path("id").isString() && !names.isEmpty()) {
          listedTools.put(entry.path("id").asString(), names);
        }
      }
    }
  }

  /**
   * The JSON a successful tool call's result carries in its first text content (Wassette's tools
   * answer with JSON text), or an empty object when it carries none; empty when the call failed (a
   * JSON-RPC error or {@code isError: true}).
   */
  static Optional<JsonNode> successfulResult(JsonNode response) {
    JsonNode result = response.get("result");
    if (result == null || !result.isObject() || result.path("isError").asBoolean(false)) {
      return Optional.empty();
    }
    for (JsonNode content : result.path("content")) {
      if ("text".equals(content.path("type").asString()) && content.path("text").isString()) {
        try {
          return Optional.of(Json.parse(content.path("text").asString()));
        } catch (JacksonException e) {
          break;
        }
      }
    }
    return Optional.of(Json.mapper().createObjectNode());
  }

  /** Tool names: an array of names or of objects with a {@code name}. */
  private static List<String> names(JsonNode tools) {
    List<String> names = new ArrayList<>();
    for (JsonNode tool : tools) {
      JsonNode name = tool.isObject() ? tool.path("name") : tool;
      if (name.isString()) {
        names.add(name.asString());
      }
    }
    return names;
  }

  private static String calledTool(Request request) {
    JsonNode params = request.params();
    return "tools/call".equals(request.method()) && params != null
        ? params.path("name").asString("")
        : "";
  }

  private static List<JsonRpcMessage> parts(JsonRpcMessage message) {
    return message instanceof Batch batch ? batch.messages() : List.of(message);
  }
}
