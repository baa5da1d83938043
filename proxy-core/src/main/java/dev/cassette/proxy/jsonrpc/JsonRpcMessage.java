package dev.cassette.proxy.jsonrpc;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One JSON-RPC 2.0 message as it travelled: a request, a notification, a response or a batch.
 *
 * <p>Every kind keeps the parsed tree it came from ({@link #json()}), so writing it back gives the
 * same keys in the same order, the same numbers and the id with its original type (string or
 * number). The typed accessors are views on that tree.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public sealed interface JsonRpcMessage
    permits JsonRpcMessage.Request,
        JsonRpcMessage.Notification,
        JsonRpcMessage.Response,
        JsonRpcMessage.Batch {

  /** The message's JSON tree, exactly as parsed. */
  JsonNode json();

  /**
   * Classifies a parsed JSON value as a JSON-RPC message.
   *
   * @throws MalformedMessageException if the value is not a JSON-RPC 2.0 message
   */
  static JsonRpcMessage of(JsonNode json) {
    Objects.requireNonNull(json, "json");
    if (json instanceof ArrayNode array) {
      if (array.isEmpty()) {
        throw new MalformedMessageException("empty batch");
      }
      List<JsonRpcMessage> parts = new ArrayList<>(array.size());
      for (JsonNode element : array) {
        if (element instanceof ArrayNode) {
          throw new MalformedMessageException("nested batch");
        }
        parts.add(of(element));
      }
      return new Batch(List.copyOf(parts), array);
    }
    if (!(json instanceof ObjectNode object)) {
      throw new MalformedMessageException(
          "expected a JSON object or array but got " + json.getNodeType());
    }
    JsonNode method = object.get("method");
    JsonNode id = object.get("id");
    if (method != null) {
      if (!method.isString()) {
        throw new MalformedMessageException("\"method\" must be a string");
      }
      return id == null
          ? new Notification(method.asString(), object)
          : new Request(checkedId(id), method.asString(), object);
    }
    if (id != null && (object.has("result") || object.has("error"))) {
      return new Response(checkedId(id), object);
    }
    throw new MalformedMessageException(
        "not a JSON-RPC message: no \"method\", and no \"id\" with \"result\" or \"error\"");
  }

  /** Parses one line (one message or batch) of UTF-8 bytes. */
  static JsonRpcMessage parse(byte[] utf8) {
    return of(MalformedMessageException.parseTree(utf8));
  }

  /** Parses one message or batch from text. */
  static JsonRpcMessage parse(String text) {
    return of(MalformedMessageException.parseTree(text));
  }

  private static JsonNode checkedId(JsonNode id) {
    if (!(id.isString() || id.isIntegralNumber() || id.isNull())) {
      throw new MalformedMessageException("\"id\" must be a string or an integer but was " + id);
    }
    return id;
  }

  /** A request: has a method and an id, expects a response. */
  record Request(JsonNode id, String method, ObjectNode json) implements JsonRpcMessage {
    /** The params, or {@code null} when absent. */
    public JsonNode params() {
      return json.get("params");
    }
  }

  /** A notification: has a method and no id. */
  record Notification(String method, ObjectNode json) implements JsonRpcMessage {
    /** The params, or {@code null} when absent. */
    public JsonNode params() {
      return json.get("params");
    }
  }

  /** A response: an id with a result or an error. */
  record Response(JsonNode id, ObjectNode json) implements JsonRpcMessage {
    /** The result, or {@code null} for an error response. */
    public JsonNode result() {
      return json.get("result");
    }

    /** The error object, or {@code null} for a successful response. */
    public JsonNode error() {
      return json.get("error");
    }

    /** Whether this is an error response. */
    public boolean isError() {
      return json.has("error");
    }
  }

  /** A batch (JSON array) of messages, as sent by 2025-03-26 peers. */
  record Batch(List<JsonRpcMessage> messages, ArrayNode json) implements JsonRpcMessage {}
}
