package dev.cassette.proxy.record;

import dev.cassette.proxy.jsonrpc.Json;
import dev.cassette.proxy.tape.Exchange;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

/** An exchange being assembled: the client's message and what has arrived for it so far. */
final class PendingExchange {

  private final JsonNode client;
  private final long startNanos;
  private final List<JsonNode> notifications = new ArrayList<>();
  private final List<ServerCall> serverCalls = new ArrayList<>();
  private final List<String> progressTokens = new ArrayList<>();
  private int awaitedResponses;
  private JsonNode response;
  private long endNanos = -1;

  PendingExchange(JsonNode client, long startNanos) {
    this.client = client;
    this.startNanos = startNanos;
  }

  JsonNode client() {
    return client;
  }

  void expectResponse() {
    awaitedResponses++;
  }

  void addProgressToken(String token) {
    progressTokens.add(token);
  }

  List<String> progressTokens() {
    return progressTokens;
  }

  boolean awaitsResponse() {
    return awaitedResponses > 0;
  }

  /** Takes a response (or a batch of them); a batch exchange gathers its responses in an array. */
  void respond(JsonNode json, long nanos) {
    if (client.isArray()) {
      ArrayNode gathered =
          response == null ? Json.mapper().createArrayNode() : (ArrayNode) response;
      if (json.isArray()) {
        gathered.addAll((ArrayNode) json);
        awaitedResponses -= json.size();
      } else {
        gathered.add(json);
        awaitedResponses--;
      }
      response = gathered;
    } else {
      response = json;
      awaitedResponses = 0;
    }
    awaitedResponses = Math.max(0, awaitedResponses);
    endNanos = nanos;
  }

  void addNotification(JsonNode json) {
    notifications.add(json);
  }

  ServerCall addServerCall(JsonNode request) {
    ServerCall call = new ServerCall(request);
    serverCalls.add(call);
    return call;
  }

  /**
   * Whether nothing more is expected: the response arrived and every server request was answered.
   */
  boolean isComplete() {
    return awaitedResponses == 0 && serverCalls.stream().allMatch(call -> call.response != null);
  }

  String describe() {
    JsonNode method = client.get("method");
    return method == null ? (client.isArray() ? "batch" : "client response") : method.asString();
  }

  /** The methods of the server→client requests filed here that the client has not answered. */
  List<String> unansweredServerRequests() {
    List<String> methods = new ArrayList<>();
    for (ServerCall call : serverCalls) {
      if (call.response == null) {
        methods.add(call.request.path("method").asString());
      }
    }
    return methods;
  }

  Exchange toExchange() {
    long elapsed = endNanos < 0 ? -1 : Math.max(0, (endNanos - startNanos) / 1_000_000);
    List<Exchange.ServerRequest> requests = new ArrayList<>(serverCalls.size());
    for (ServerCall call : serverCalls) {
      requests.add(new Exchange.ServerRequest(call.request, call.response));
    }
    return new Exchange(client, response, notifications, requests, elapsed, null, null, null);
  }

  /** A server→client request and, once it came, the client's answer. */
  static final class ServerCall {
    private final JsonNode request;
    private JsonNode response;

    ServerCall(JsonNode request) {
      this.request = request;
    }

    void answer(JsonNode answer) {
      response = answer;
    }
  }
}
