package dev.cassette.engine.client;

import dev.cassette.proxy.jsonrpc.Json;
import dev.cassette.proxy.jsonrpc.JsonRpcMessage;
import dev.cassette.proxy.jsonrpc.MalformedMessageException;
import dev.cassette.proxy.transport.ServerConnection;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The wire side of a {@link CassetteClient}: one reader thread that completes pending requests,
 * files notifications in the inbox and answers server requests.
 */
final class ClientChannel {

  private static final Duration POLL = Duration.ofMillis(100);

  private final ServerConnection connection;
  private final ServerRequestHandler handler;
  private final NotificationInbox inbox;
  private final Map<Long, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
  private final AtomicLong nextId = new AtomicLong(1);
  private final Thread reader;
  private volatile boolean closed;
  private volatile String failure;

  ClientChannel(
      ServerConnection connection, ServerRequestHandler handler, NotificationInbox inbox) {
    this.connection = connection;
    this.handler = handler;
    this.inbox = inbox;
    this.reader = new Thread(this::readLoop, "cassette-client-reader");
    reader.setDaemon(true);
    reader.start();
  }

  /** Sends a request and returns its pending response (the whole response message). */
  CompletableFuture<JsonNode> request(String method, JsonNode params) throws IOException {
    long id = nextId.getAndIncrement();
    CompletableFuture<JsonNode> response = new CompletableFuture<>();
    String why = failure;
    if (why != null) {
      response.completeExceptionally(new IOException(why));
      return response;
    }
    pending.put(id, response);
    ObjectNode message = Json.mapper().createObjectNode();
    message.put("jsonrpc", "2.0");
    message.put("id", id);
    message.put("method", method);
    if (params != null) {
      message.set("params", params);
    }
    try {
      connection.send(Json.compactBytes(message));
    } catch (IOException e) {
      pending.remove(id);
      throw e;
    }
    return response;
  }

  void notify(String method, JsonNode params) throws IOException {
    ObjectNode message = Json.mapper().createObjectNode();
    message.put("jsonrpc", "2.0");
    message.put("method", method);
    if (params != null) {
      message.set("params", params);
    }
    connection.send(Json.compactBytes(message));
  }

  void close() {
    closed = true;
    fail("client closed");
    try {
      reader.join(POLL.toMillis() * 5);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void readLoop() {
    while (!closed) {
      byte[] line;
      try {
        line = connection.receive(POLL);
      } catch (IOException e) {
        fail("connection to the server ended: " + e.getMessage());
        return;
      }
      if (line != null) {
        dispatch(line);
      }
    }
  }

  private void dispatch(byte[] line) {
    JsonRpcMessage message;
    try {
      message = JsonRpcMessage.parse(line);
    } catch (MalformedMessageException e) {
      inbox.problem("server sent a line that is not JSON-RPC: " + e.getMessage());
      return;
    }
    if (message instanceof JsonRpcMessage.Batch batch) {
      batch.messages().forEach(this::dispatchOne);
    } else {
      dispatchOne(message);
    }
  }

  private void dispatchOne(JsonRpcMessage message) {
    if (message instanceof JsonRpcMessage.Response response) {
      CompletableFuture<JsonNode> waiting =
          response.id().isIntegralNumber() ? pending.remove(response.id().asLong()) : null;
      if (waiting == null) {
        inbox.problem("server answered an unknown request id " + response.id());
      } else {
        waiting.complete(response.json());
      }
    } else if (message instanceof JsonRpcMessage.Notification notification) {
      inbox.add(notification.json());
    } else if (message instanceof JsonRpcMessage.Request request) {
      answer(request);
    }
  }

  private void answer(JsonRpcMessage.Request request) {
    ObjectNode reply = Json.mapper().createObjectNode();
    reply.put("jsonrpc", "2.0");
    reply.set("id", request.id());
    try {
      reply.set("result", handler.handle(request.method(), request.params()));
    } catch (McpErrorException e) {
      ObjectNode error = reply.putObject("error");
      error.put("code", e.code());
      error.put("message", e.getMessage());
      if (e.data() != null) {
        error.set("data", e.data());
      }
    }
    try {
      connection.send(Json.compactBytes(reply));
    } catch (IOException e) {
      fail("could not answer the server's " + request.method() + ": " + e.getMessage());
    }
  }

  private void fail(String why) {
    if (failure == null) {
      failure = why;
    }
    for (Long id : pending.keySet()) {
      CompletableFuture<JsonNode> waiting = pending.remove(id);
      if (waiting != null) {
        waiting.completeExceptionally(new IOException(why));
      }
    }
  }
}
