package dev.cassette.proxy.record;

import dev.cassette.proxy.jsonrpc.Json;
import dev.cassette.proxy.jsonrpc.JsonRpcMessage;
import dev.cassette.proxy.jsonrpc.JsonRpcMessage.Batch;
import dev.cassette.proxy.jsonrpc.JsonRpcMessage.Notification;
import dev.cassette.proxy.jsonrpc.JsonRpcMessage.Request;
import dev.cassette.proxy.jsonrpc.JsonRpcMessage.Response;
import dev.cassette.proxy.session.SessionListener.Direction;
import dev.cassette.proxy.tape.Exchange;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;

/**
 * Files relayed messages into exchanges, in the order the client sent them.
 *
 * <p>Client requests open an exchange that their response closes (ids compared by their JSON text,
 * so {@code "1"} and {@code 1} differ). Server notifications and server→client requests go to the
 * exchange whose window they arrived in: the one their {@code progressToken} names, else the most
 * recently opened request still waiting for its response, else the most recent exchange. Finished
 * exchanges are handed to the sink in client order as soon as nothing more can be filed under them,
 * so the assembler holds only the open ones.
 */
final class ExchangeAssembler {

  private final Consumer<Exchange> sink;
  private final ArrayDeque<PendingExchange> pending = new ArrayDeque<>();
  private final Map<String, PendingExchange> openByClientId = new HashMap<>();
  private final Map<String, PendingExchange> byProgressToken = new HashMap<>();
  private final Map<String, PendingExchange.ServerCall> openServerCalls = new HashMap<>();
  private final Handshake handshake = new Handshake();
  private final List<String> problems = new ArrayList<>();
  private PendingExchange latest;
  private long emitted;
  private long incomplete;

  ExchangeAssembler(Consumer<Exchange> sink) {
    this.sink = sink;
  }

  /** Files one relayed message; {@code nanos} is its time since the session started. */
  void accept(Direction direction, JsonRpcMessage message, long nanos) {
    if (direction == Direction.CLIENT_TO_SERVER) {
      fromClient(message, nanos);
    } else {
      fromServer(message, nanos);
    }
    emitFinished(false);
  }

  /**
   * Hands every remaining exchange to the sink, open or not; returns how many were emitted.
   *
   * <p>An exchange still waiting for its response is incomplete. A server→client request the client
   * never answered is kept without an answer and noted, but does not make its exchange incomplete:
   * the client decides whether to answer, and a client that ends the session (closes its output or
   * terminates the recorder) just as the server sends a request, such as server-everything's {@code
   * roots/list} a moment after the handshake, never will.
   */
  long finish() {
    long number = emitted;
    for (PendingExchange exchange : pending) {
      String which = "exchange " + number++ + " (" + exchange.describe() + ")";
      if (exchange.awaitsResponse()) {
        incomplete++;
        problems.add(which + " ended without a response");
      }
      for (String method : exchange.unansweredServerRequests()) {
        problems.add(
            which
                + ": the client never answered the server's "
                + method
                + " request (kept without"
                + " an answer)");
      }
    }
    emitFinished(true);
    return emitted;
  }

  /** How many exchanges {@link #finish} found still waiting for a response. */
  long incomplete() {
    return incomplete;
  }

  Handshake handshake() {
    return handshake;
  }

  /**
   * Oddities seen while filing (unknown response ids, requests without a response or answer), in
   * words.
   */
  List<String> problems() {
    return List.copyOf(problems);
  }

  private void fromClient(JsonRpcMessage message, long nanos) {
    if (message instanceof Response response) {
      answerServerCall(response, nanos);
      return;
    }
    if (message instanceof Batch batch
        && batch.messages().stream().allMatch(Response.class::isInstance)) {
      batch.messages().forEach(part -> answerServerCall((Response) part, nanos));
      return;
    }
    PendingExchange exchange = new PendingExchange(message.json(), nanos);
    for (Request request : requestsIn(message)) {
      exchange.expectResponse();
      openByClientId.put(idKey(request.id()), exchange);
      String token = progressToken(request);
      if (token != null) {
        byProgressToken.put(token, exchange);
        exchange.addProgressToken(token);
      }
      handshake.onClientRequest(request);
    }
    pending.addLast(exchange);
    latest = exchange;
  }

  private void answerServerCall(Response response, long nanos) {
    PendingExchange.ServerCall call = openServerCalls.remove(idKey(response.id()));
    if (call == null) {
      problems.add("client answered an unknown server request id " + Json.compact(response.id()));
      PendingExchange orphan = new PendingExchange(response.json(), nanos);
      pending.addLast(orphan);
      latest = orphan;
      return;
    }
    call.answer(response.json());
  }

  private void fromServer(JsonRpcMessage message, long nanos) {
    if (message instanceof Response response) {
      respond(response, response.json(), nanos);
    } else if (message instanceof Batch batch) {
      if (batch.messages().stream().allMatch(Response.class::isInstance)) {
        respond((Response) batch.messages().get(0), batch.json(), nanos);
      } else {
        batch.messages().forEach(part -> fromServer(part, nanos));
      }
    } else if (message instanceof Notification notification) {
      fileNotification(notification);
    } else if (message instanceof Request request) {
      fileServerRequest(request);
    }
  }

  private void respond(Response first, JsonNode json, long nanos) {
    PendingExchange exchange = openByClientId.get(idKey(first.id()));
    if (exchange == null) {
      problems.add("server sent a response to unknown request id " + Json.compact(first.id()));
      PendingExchange target = window();
      if (target != null) {
        target.addNotification(json);
      }
      return;
    }
    for (Response part : responsesIn(json)) {
      openByClientId.remove(idKey(part.id()));
    }
    exchange.respond(json, nanos);
    handshake.onResponse(exchange.client(), json);
  }

  private void fileNotification(Notification notification) {
    PendingExchange target = null;
    JsonNode params = notification.params();
    if ("notifications/progress".equals(notification.method()) && params != null) {
      JsonNode token = params.get("progressToken");
      target = token == null ? null : byProgressToken.get(idKey(token));
    }
    if (target == null) {
      target = window();
    }
    if (target == null) {
      problems.add("server sent " + notification.method() + " before the client's first message");
      return;
    }
    target.addNotification(notification.json());
  }

  private void fileServerRequest(Request request) {
    PendingExchange target = window();
    if (target == null) {
      problems.add(
          "server sent request " + request.method() + " before the client's first message");
      return;
    }
    openServerCalls.put(idKey(request.id()), target.addServerCall(request.json()));
  }

  /** The exchange whose window is open: the newest one awaiting a response, else the latest. */
  private PendingExchange window() {
    Iterator<PendingExchange> newestFirst = pending.descendingIterator();
    while (newestFirst.hasNext()) {
      PendingExchange exchange = newestFirst.next();
      if (exchange.awaitsResponse()) {
        return exchange;
      }
    }
    return latest;
  }

  private void emitFinished(boolean all) {
    while (!pending.isEmpty()) {
      PendingExchange head = pending.peekFirst();
      boolean superseded = pending.size() > 1;
      if (!all && !(head.isComplete() && superseded)) {
        return;
      }
      pending.removeFirst();
      head.progressTokens().forEach(byProgressToken::remove);
      sink.accept(head.toExchange());
      emitted++;
    }
  }

  private static List<Request> requestsIn(JsonRpcMessage message) {
    if (message instanceof Request request) {
      return List.of(request);
    }
    if (message instanceof Batch batch) {
      List<Request> requests = new ArrayList<>();
      for (JsonRpcMessage part : batch.messages()) {
        if (part instanceof Request request) {
          requests.add(request);
        }
      }
      return requests;
    }
    return List.of();
  }

  private static List<Response> responsesIn(JsonNode json) {
    JsonRpcMessage message = JsonRpcMessage.of(json);
    if (message instanceof Response response) {
      return List.of(response);
    }
    List<Response> responses = new ArrayList<>();
    for (JsonRpcMessage part : ((Batch) message).messages()) {
      responses.add((Response) part);
    }
    return responses;
  }

  static String progressToken(Request request) {
    JsonNode params = request.params();
    JsonNode meta = params == null ? null : params.get("_meta");
    JsonNode token = meta == null ? null : meta.get("progressToken");
    return token == null ? null : idKey(token);
  }

  /** Ids and tokens compared by their JSON text: {@code "1"} and {@code 1} are different keys. */
  static String idKey(JsonNode id) {
    return Json.compact(id);
  }
}
