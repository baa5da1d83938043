package com.example.fidelity;

import dev.cassette.proxy.jsonrpc.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A minimal MCP client over newline-delimited JSON-RPC streams: sends one request at a time and
 * collects its response and the notifications that arrive before it (the exchange's window), as the
 * tape recorder does.
 */
final class LineSession implements AutoCloseable {
  /** One request, its response, and the notifications of its window. */
  record Exchange(JsonNode request, JsonNode response, List<JsonNode> notifications) {}

  private static final JsonNode END = Json.mapper().nullNode();

  private final String name;
  private final OutputStream toServer;
  private final Runnable stop;
  private final BlockingQueue<JsonNode> incoming = new LinkedBlockingQueue<>();
  private final Duration timeout;
  private int nextId;

  LineSession(
      String name, InputStream fromServer, OutputStream toServer, Runnable stop, Duration t) {
    this.name = name;
    this.toServer = toServer;
    this.stop = stop;
    this.timeout = t;
    Thread reader = new Thread(() -> read(fromServer), "fidelity-" + name);
    reader.setDaemon(true);
    reader.start();
  }

  private void read(InputStream fromServer) {
    try (BufferedReader lines =
        new BufferedReader(new InputStreamReader(fromServer, StandardCharsets.UTF_8))) {
      String line;
      while ((line = lines.readLine()) != null) {
        if (!line.isBlank()) {
          incoming.add(Json.mapper().readTree(line));
        }
      }
    } catch (IOException | RuntimeException e) {
      // the server has gone: END below tells a waiting request
    } finally {
      incoming.add(END);
    }
  }

  /** Sends a request and waits (bounded) for its response. */
  Exchange request(String method, JsonNode params) throws IOException, InterruptedException {
    ObjectNode request = Json.mapper().createObjectNode();
    request.put("jsonrpc", "2.0").put("id", ++nextId).put("method", method);
    if (params != null && !params.isNull()) {
      request.set("params", params);
    }
    send(request);
    List<JsonNode> notifications = new ArrayList<>();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      JsonNode message = incoming.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      if (message == null || message == END) {
        throw new IOException(
            name + ": no response to " + method + " (#" + nextId + ") within " + timeout);
      }
      if (message.has("method") && !message.has("id")) {
        notifications.add(message);
      } else if (message.path("id").asInt(-1) == nextId && !message.has("method")) {
        return new Exchange(request, message, List.copyOf(notifications));
      }
    }
  }

  /** Sends a notification. */
  void notify(String method) throws IOException {
    ObjectNode notification = Json.mapper().createObjectNode();
    send(notification.put("jsonrpc", "2.0").put("method", method));
  }

  private void send(JsonNode message) throws IOException {
    toServer.write((Json.compact(message) + "\n").getBytes(StandardCharsets.UTF_8));
    toServer.flush();
  }

  /** Ends the input and stops the server. */
  @Override
  public void close() {
    try {
      toServer.close();
    } catch (IOException e) {
      // the server may have gone already
    }
    stop.run();
  }
}
