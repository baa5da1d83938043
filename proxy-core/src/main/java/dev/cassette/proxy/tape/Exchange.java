package dev.cassette.proxy.tape;

import dev.cassette.proxy.jsonrpc.JsonRpcMessage;
import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One step of a session: a message the client sent and what the server sent back for it.
 *
 * <p>For a client request, {@link #response()} is the server's response; notifications and
 * server→client requests that arrived while the request was open (or, for messages that arrive
 * between requests, after this exchange's response) are filed here in arrival order. A client
 * notification (for example {@code notifications/initialized}) is an exchange with no response.
 *
 * @param client the client's message, exactly as sent (a request, notification or batch)
 * @param response the server's response, or {@code null} when there is none
 * @param notifications server notifications in this exchange's window, in arrival order
 * @param serverRequests server→client requests in this window, each with the client's answer
 * @param elapsedMillis milliseconds from the client's message to the response, or -1 if unknown
 * @param match this exchange's own matcher settings, or {@code null}
 * @param extensions unknown fields, kept for rewrite, or {@code null}
 * @param position where the exchange starts in the tape file, or {@code null} when not read from a
 *     file
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record Exchange(
    JsonNode client,
    JsonNode response,
    List<JsonNode> notifications,
    List<ServerRequest> serverRequests,
    long elapsedMillis,
    ObjectNode match,
    ObjectNode extensions,
    SourcePosition position) {

  /** Checks arguments and copies the lists. */
  public Exchange {
    Objects.requireNonNull(client, "client");
    notifications = List.copyOf(Objects.requireNonNullElse(notifications, List.of()));
    serverRequests = List.copyOf(Objects.requireNonNullElse(serverRequests, List.of()));
  }

  /** The client's message as a JSON-RPC message. */
  public JsonRpcMessage clientMessage() {
    return JsonRpcMessage.of(client);
  }

  /** The client's method, or {@code null} for a batch. */
  public String method() {
    JsonNode method = client.get("method");
    return method == null ? null : method.asString();
  }

  /** A copy without source position, for comparing exchanges by content. */
  public Exchange withoutPosition() {
    return new Exchange(
        client, response, notifications, serverRequests, elapsedMillis, match, extensions, null);
  }

  /**
   * A server→client request (sampling, elicitation, roots) and the client's answer.
   *
   * @param request the server's request
   * @param response the client's response, or {@code null} if the client never answered
   */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public record ServerRequest(JsonNode request, JsonNode response) {
    /** Checks arguments. */
    public ServerRequest {
      Objects.requireNonNull(request, "request");
    }
  }
}
