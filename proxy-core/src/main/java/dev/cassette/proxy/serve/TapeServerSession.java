package dev.cassette.proxy.serve;

import dev.cassette.proxy.jsonrpc.Json;
import dev.cassette.proxy.jsonrpc.JsonRpcMessage;
import dev.cassette.proxy.jsonrpc.MalformedMessageException;
import dev.cassette.proxy.tape.Exchange;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;
import org.apiguardian.api.API;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One client's session with a {@link TapeServer}: feed it the client's lines, it writes the
 * server's lines to the consumer given at {@link TapeServer#open}.
 *
 * <p>For a request it finds the recorded exchange, writes the exchange's notifications, then its
 * server→client requests one at a time (each waits for the client's answer), then the recorded
 * response with the client's id. A request the tape does not hold gets a JSON-RPC error ({@value
 * #NO_RECORDED_RESPONSE}) naming the nearest recorded request and how it differs; a notification it
 * does not hold is a miss too (with no answer, as notifications get none). Messages are paired with
 * recorded exchanges by {@link ExchangePairing}'s rule; {@link #unused()} names what the client
 * never sent. Thread-safe; lines are written in order.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class TapeServerSession {

  /** The JSON-RPC error code of a request the tape holds no response for. */
  public static final int NO_RECORDED_RESPONSE = -32001;

  private final ExchangePairing pairing;
  private final Consumer<byte[]> toClient;
  private final List<Miss> misses = new ArrayList<>();
  private final Deque<Pending> pending = new ArrayDeque<>();
  private int served;

  TapeServerSession(ExchangePairing pairing, Consumer<byte[]> toClient) {
    this.pairing = pairing;
    this.toClient = toClient;
  }

  /** A request waiting for the client's answers to the server's requests before its response. */
  private record Pending(JsonNode clientId, Exchange exchange, Deque<JsonNode> serverRequests) {}

  /** Handles one line from the client (a message or a batch, without its newline). */
  public synchronized void accept(byte[] line) {
    JsonRpcMessage message;
    try {
      message = JsonRpcMessage.parse(line);
    } catch (MalformedMessageException e) {
      write(error(null, -32700, "cassette serve: parse error: " + e.getMessage(), null));
      return;
    }
    handle(message);
  }

  /** The client messages the tape held no exchange for, in arrival order. */
  public synchronized List<Miss> misses() {
    return List.copyOf(misses);
  }

  /**
   * The recorded exchanges the client has not sent (so far), as {@link ExchangePairing#unused()}
   * lists them: one line each, {@code exchange #3 tools/call {…} (tape line 81)}.
   */
  public synchronized List<String> unused() {
    List<String> lines = new ArrayList<>();
    for (int index : pairing.unused()) {
      lines.add(describe(index, pairing.tape().exchanges().get(index)));
    }
    return lines;
  }

  /**
   * {@code exchange #3 tools/call {"name":"echo"} (tape line 81)}, params cut at 160 characters.
   */
  static String describe(int index, Exchange exchange) {
    JsonNode params = exchange.client().get("params");
    String text = exchange.method() + (params == null ? "" : " " + Json.compact(params));
    return "exchange #"
        + (index + 1)
        + " "
        + (text.length() > 160 ? text.substring(0, 157) + "..." : text)
        + (exchange.position() == null ? "" : " (tape line " + exchange.position().line() + ")");
  }

  /** How many client messages were answered from the tape. */
  public synchronized int served() {
    return served;
  }

  private void handle(JsonRpcMessage message) {
    if (message instanceof JsonRpcMessage.Batch batch) {
      batch.messages().forEach(this::handle);
    } else if (message instanceof JsonRpcMessage.Request request) {
      onRequest(request);
    } else if (message instanceof JsonRpcMessage.Notification notification) {
      onNotification(notification);
    } else if (message instanceof JsonRpcMessage.Response response) {
      onClientAnswer(response);
    }
  }

  private void onRequest(JsonRpcMessage.Request request) {
    ExchangePairing.Pairing selection = pairing.pair(request.json());
    if (selection.exchange() == null) {
      if ("ping".equals(request.method())) {
        ObjectNode pong = envelope(request.id());
        pong.putObject("result");
        write(pong);
        return;
      }
      misses.add(selection.miss());
      ObjectNode data = Json.mapper().createObjectNode();
      data.put("nearestExchange", selection.miss().nearestIndex() + 1);
      data.putPOJO("differences", selection.miss().differences());
      write(error(request.id(), NO_RECORDED_RESPONSE, selection.miss().describe(), data));
      return;
    }
    served++;
    Exchange exchange = selection.exchange();
    exchange.notifications().forEach(this::write);
    Deque<JsonNode> serverRequests = new ArrayDeque<>();
    exchange.serverRequests().forEach(sr -> serverRequests.add(sr.request()));
    pending.add(new Pending(request.id(), exchange, serverRequests));
    advance();
  }

  private void onNotification(JsonRpcMessage.Notification notification) {
    ExchangePairing.Pairing selection = pairing.pair(notification.json());
    if (selection.exchange() == null) {
      misses.add(selection.miss());
      return;
    }
    served++;
    selection.exchange().notifications().forEach(this::write);
  }

  private void onClientAnswer(JsonRpcMessage.Response response) {
    Pending head = pending.peekFirst();
    if (head == null || head.serverRequests().isEmpty()) {
      return;
    }
    if (head.serverRequests().peekFirst().path("id").equals(response.id())) {
      head.serverRequests().removeFirst();
      advance();
    }
  }

  /** Writes the next server request of the oldest pending exchange, or its response. */
  private void advance() {
    while (!pending.isEmpty()) {
      Pending head = pending.peekFirst();
      if (!head.serverRequests().isEmpty()) {
        write(head.serverRequests().peekFirst());
        return;
      }
      pending.removeFirst();
      JsonNode recorded = head.exchange().response();
      if (recorded instanceof ObjectNode object) {
        ObjectNode response = object.deepCopy();
        response.set("id", head.clientId());
        write(response);
      }
    }
  }

  private static ObjectNode envelope(JsonNode id) {
    ObjectNode message = Json.mapper().createObjectNode();
    message.put("jsonrpc", "2.0");
    message.set("id", id == null ? message.nullNode() : id);
    return message;
  }

  private static ObjectNode error(JsonNode id, int code, String text, JsonNode data) {
    ObjectNode message = envelope(id);
    ObjectNode error = message.putObject("error");
    error.put("code", code);
    error.put("message", text);
    if (data != null) {
      error.set("data", data);
    }
    return message;
  }

  private void write(JsonNode message) {
    toClient.accept(Json.compactBytes(message));
  }
}
