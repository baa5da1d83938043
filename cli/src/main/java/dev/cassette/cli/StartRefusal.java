package dev.cassette.cli;

import dev.cassette.proxy.jsonrpc.Json;
import dev.cassette.proxy.jsonrpc.JsonRpcMessage;
import dev.cassette.proxy.transport.LineReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import tools.jackson.databind.node.ObjectNode;

/**
 * Tells an MCP client why {@code cassette record} could not start its session, in a way the client
 * shows: the first request the client sends (its {@code initialize}) is answered with a JSON-RPC
 * error carrying the reason.
 *
 * <p>Clients such as the MCP Inspector hide a server's stderr and report only "Connection closed";
 * the error response is what their user sees. The wait for the request is bounded: a client that
 * sends nothing within {@link #WAIT} or closes its output is left alone.
 */
final class StartRefusal {

  /** JSON-RPC's "server error" range; the reason is in the message. */
  static final int CODE = -32000;

  static final Duration WAIT = Duration.ofSeconds(5);
  private static final int MAX_LINES = 64;
  private static final int MAX_LINE_BYTES = 16 * 1024 * 1024;

  private StartRefusal() {}

  /**
   * Answers the first request read from {@code fromClient} with an error naming {@code reason}.
   *
   * @return whether a request was answered
   */
  static boolean answer(
      InputStream fromClient, OutputStream toClient, String reason, Duration wait) {
    CompletableFuture<Boolean> answered =
        CompletableFuture.supplyAsync(() -> answerFirstRequest(fromClient, toClient, reason));
    try {
      return answered.get(wait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException | ExecutionException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static boolean answerFirstRequest(
      InputStream fromClient, OutputStream toClient, String reason) {
    LineReader reader = new LineReader(fromClient, "the client", MAX_LINE_BYTES);
    try {
      for (int i = 0; i < MAX_LINES; i++) {
        byte[] line = reader.readLine();
        if (line == null) {
          return false;
        }
        JsonRpcMessage.Request request = requestIn(line);
        if (request != null) {
          toClient.write(Json.compactBytes(errorFor(request, reason)));
          toClient.write('\n');
          toClient.flush();
          return true;
        }
      }
      return false;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonRpcMessage.Request requestIn(byte[] line) {
    try {
      return JsonRpcMessage.of(Json.parse(line)) instanceof JsonRpcMessage.Request request
          ? request
          : null;
    } catch (RuntimeException notAMessage) {
      return null;
    }
  }

  static ObjectNode errorFor(JsonRpcMessage.Request request, String reason) {
    ObjectNode response = Json.mapper().createObjectNode().put("jsonrpc", "2.0");
    response.set("id", request.json().get("id"));
    response
        .putObject("error")
        .put("code", CODE)
        .put("message", "cassette record could not start the session: " + reason);
    return response;
  }
}
