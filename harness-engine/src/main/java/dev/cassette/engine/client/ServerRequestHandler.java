package dev.cassette.engine.client;

import org.apiguardian.api.API;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Answers requests the server sends to the client (sampling, elicitation, roots, ping).
 *
 * <pre>{@code
 * ServerRequestHandler roots = (method, params) ->
 *     method.equals("roots/list") ? Json.parse("{\"roots\":[]}") : ServerRequestHandler.standard().handle(method, params);
 * }</pre>
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
@FunctionalInterface
public interface ServerRequestHandler {

  /**
   * Handles one server request.
   *
   * @param method the request's method
   * @param params its params, or {@code null}
   * @return the result to send back
   * @throws McpErrorException to answer with a JSON-RPC error
   */
  JsonNode handle(String method, JsonNode params);

  /** Answers {@code ping} and {@code roots/list} (no roots); refuses everything else. */
  static ServerRequestHandler standard() {
    return (method, params) -> {
      JsonNodeFactory nodes = JsonNodeFactory.instance;
      if ("ping".equals(method)) {
        return nodes.objectNode();
      }
      if ("roots/list".equals(method)) {
        return nodes.objectNode().set("roots", nodes.arrayNode());
      }
      throw new McpErrorException(
          McpErrorException.METHOD_NOT_FOUND, "client does not handle " + method, null);
    };
  }
}
