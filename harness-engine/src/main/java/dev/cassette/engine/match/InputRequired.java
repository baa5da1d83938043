package dev.cassette.engine.match;

import org.apiguardian.api.API;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The multi-round-trip ({@code input_required}) results of protocol revision 2026-07-28.
 *
 * <p>A server answers {@code tools/call}, {@code prompts/get} or {@code resources/read} with {@code
 * "resultType": "input_required"}, embedded {@code inputRequests} and an opaque {@code
 * requestState}; the client retries the call with {@code inputResponses} and the state echoed back.
 * The state is the server's own business (often signed or encrypted, so it changes run to run): a
 * recorded state is therefore matched as "some string", and the replayer echoes the live one.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class InputRequired {

  /** The placeholder a recorded {@code requestState} is compared as. */
  public static final String ANY_STATE = "${json-unit.any-string}";

  private InputRequired() {}

  /** The {@code requestState} of an {@code input_required} response, or {@code null}. */
  public static String requestState(JsonNode response) {
    JsonNode result = response == null ? null : response.get("result");
    if (result == null
        || !"input_required".equals(result.path("resultType").asString(""))
        || !result.path("requestState").isString()) {
      return null;
    }
    return result.get("requestState").asString();
  }

  /**
   * The recorded response as it is compared: an {@code input_required} response's {@code
   * requestState} becomes {@value #ANY_STATE}; any other response is returned as it is.
   */
  public static JsonNode expected(JsonNode recorded) {
    String state = requestState(recorded);
    if (state == null || state.startsWith("${json-unit.")) {
      return recorded;
    }
    ObjectNode copy = (ObjectNode) recorded.deepCopy();
    ((ObjectNode) copy.get("result")).put("requestState", ANY_STATE);
    return copy;
  }
}
