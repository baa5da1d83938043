package dev.cassette.engine.replay;

import dev.cassette.engine.match.InputRequired;
import java.util.HashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Carries multi-round-trip state across a tape's exchanges: when a recorded {@code input_required}
 * response held state {@code R} and the live server answered with state {@code L}, a later client
 * request echoing {@code R} in {@code params.requestState} is sent with {@code L} instead, as a
 * real client echoes what it received.
 */
final class RequestStates {

  private final Map<String, String> liveByRecorded = new HashMap<>();

  /** Notes the state the live server minted where the tape recorded another. */
  void observe(JsonNode recordedResponse, JsonNode liveResponse) {
    String recorded = InputRequired.requestState(recordedResponse);
    String live = InputRequired.requestState(liveResponse);
    if (recorded != null && live != null) {
      liveByRecorded.put(recorded, live);
    }
  }

  /** The client message to send: {@code client} itself, or a copy echoing the live state. */
  JsonNode outgoing(JsonNode client) {
    JsonNode state = client.path("params").path("requestState");
    if (!state.isString()) {
      return client;
    }
    String live = liveByRecorded.get(state.asString());
    if (live == null || live.equals(state.asString())) {
      return client;
    }
    ObjectNode copy = (ObjectNode) client.deepCopy();
    ((ObjectNode) copy.get("params")).put("requestState", live);
    return copy;
  }
}
