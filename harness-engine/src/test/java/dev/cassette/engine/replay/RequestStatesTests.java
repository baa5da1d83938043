package dev.cassette.engine.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cassette.proxy.jsonrpc.Json;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class RequestStatesTests {

  static JsonNode asked(String state) {
    return Json.parse(
        "{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":{\"resultType\":\"input_required\","
            + "\"requestState\":\""
            + state
            + "\"}}");
  }

  static JsonNode retry(String state) {
    return Json.parse(
        "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"deploy\","
            + "\"inputResponses\":{},\"requestState\":\""
            + state
            + "\"}}");
  }

  @Test
  void aRetryEchoingTheRecordedStateSendsTheLiveOne() {
    RequestStates states = new RequestStates();
    JsonNode recordedRetry = retry("recorded");
    states.observe(asked("recorded"), asked("live"));
    JsonNode sent = states.outgoing(recordedRetry);
    assertThat(sent.path("params").path("requestState").asString()).isEqualTo("live");
    assertThat(sent.path("params").path("name").asString()).isEqualTo("deploy");
    assertThat(recordedRetry.path("params").path("requestState").asString())
        .as("the tape's message is not changed")
        .isEqualTo("recorded");
  }

  @Test
  void otherMessagesGoAsRecorded() {
    RequestStates states = new RequestStates();
    states.observe(asked("recorded"), asked("live"));
    JsonNode unrelated = retry("another");
    assertThat(states.outgoing(unrelated)).isSameAs(unrelated);
    JsonNode plain = Json.parse("{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"tools/list\"}");
    assertThat(states.outgoing(plain)).isSameAs(plain);
    RequestStates untouched = new RequestStates();
    untouched.observe(
        asked("recorded"), Json.parse("{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":{}}"));
    JsonNode sameRetry = retry("recorded");
    assertThat(untouched.outgoing(sameRetry)).isSameAs(sameRetry);
  }
}
