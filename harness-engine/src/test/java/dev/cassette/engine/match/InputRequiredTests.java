package dev.cassette.engine.match;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cassette.proxy.jsonrpc.Json;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class InputRequiredTests {

  static final JsonNode ASKED =
      Json.parse(
          "{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":{\"resultType\":\"input_required\","
              + "\"inputRequests\":{\"confirm\":{\"method\":\"elicitation/create\"}},"
              + "\"requestState\":\"staging:1\"}}");

  @Test
  void theStateOfAnInputRequiredResultIsComparedAsAnyString() {
    JsonNode live = Json.parse(Json.compact(ASKED).replace("staging:1", "staging:2"));
    assertThat(JsonComparison.compare(ASKED, live, MatchSettings.DEFAULTS)).isNotEmpty();
    assertThat(JsonComparison.compare(InputRequired.expected(ASKED), live, MatchSettings.DEFAULTS))
        .isEmpty();
    assertThat(InputRequired.requestState(ASKED)).isEqualTo("staging:1");
    assertThat(ASKED.path("result").path("requestState").asString()).isEqualTo("staging:1");
  }

  @Test
  void aMissingStateAndTheRestOfTheResultStillCount() {
    JsonNode withoutState =
        Json.parse(Json.compact(ASKED).replace(",\"requestState\":\"staging:1\"", ""));
    assertThat(
            JsonComparison.compare(
                InputRequired.expected(ASKED), withoutState, MatchSettings.DEFAULTS))
        .extracting(Difference::path)
        .containsExactly("result.requestState");
    JsonNode otherQuestion =
        Json.parse(Json.compact(ASKED).replace("elicitation/create", "roots/list"));
    assertThat(
            JsonComparison.compare(
                InputRequired.expected(ASKED), otherQuestion, MatchSettings.DEFAULTS))
        .extracting(Difference::path)
        .containsExactly("result.inputRequests.confirm.method");
  }

  @Test
  void completeResultsAndPlaceholdersAreLeftAlone() {
    JsonNode complete =
        Json.parse("{\"jsonrpc\":\"2.0\",\"id\":3,\"result\":{\"requestState\":\"x\"}}");
    assertThat(InputRequired.expected(complete)).isSameAs(complete);
    assertThat(InputRequired.requestState(complete)).isNull();
    JsonNode placeholder =
        Json.parse(Json.compact(ASKED).replace("staging:1", "${json-unit.regex}staging:.*"));
    assertThat(InputRequired.expected(placeholder)).isSameAs(placeholder);
  }
}
