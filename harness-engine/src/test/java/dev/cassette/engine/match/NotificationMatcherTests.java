package dev.cassette.engine.match;

import static dev.cassette.engine.match.JsonComparisonTests.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class NotificationMatcherTests {

  static JsonNode progress(int n) {
    return json(
        "{'jsonrpc':'2.0','method':'notifications/progress','params':{'progress':" + n + "}}");
  }

  static final JsonNode LOG =
      json("{'jsonrpc':'2.0','method':'notifications/message','params':{'data':'hi'}}");

  static final MatchSettings ORDERED =
      MatchSettings.DEFAULTS.merge(
          new MatchLayer(List.of(), null, List.of(), null, null, null, null, true, null));

  @Test
  void unorderedByDefaultAndExtraOnesIgnored() {
    List<JsonNode> expected = List.of(progress(1), progress(2));
    List<JsonNode> actual = List.of(LOG, progress(2), progress(1));
    assertThat(NotificationMatcher.compare(expected, actual, MatchSettings.DEFAULTS)).isEmpty();
    assertThat(NotificationMatcher.allArrived(expected, actual, MatchSettings.DEFAULTS)).isTrue();
  }

  @Test
  void orderedWhenAsked() {
    List<JsonNode> expected = List.of(progress(1), progress(2));
    assertThat(NotificationMatcher.compare(expected, List.of(progress(2), progress(1)), ORDERED))
        .extracting(Difference::describe)
        .containsExactly(
            "\"notifications[1]\" expected: <notifications/progress in recorded order> but was: <out of order>");
  }

  @Test
  void missingNotificationIsNamed() {
    assertThat(
            NotificationMatcher.compare(List.of(LOG), List.of(progress(1)), MatchSettings.DEFAULTS))
        .extracting(Difference::describe)
        .containsExactly(
            "\"notifications[0]\" expected: <{\"jsonrpc\":\"2.0\",\"method\":\"notifications/message\",\"params\":{\"data\":\"hi\"}}> but was: <no notifications/message notification>");
    assertThat(
            NotificationMatcher.allArrived(
                List.of(LOG), List.of(progress(1)), MatchSettings.DEFAULTS))
        .isFalse();
  }

  @Test
  void strictFailsOnUnexpectedOnes() {
    assertThat(
            NotificationMatcher.compare(
                List.of(), List.of(LOG), MatchSettings.DEFAULTS.withStrict()))
        .extracting(Difference::path)
        .containsExactly("notifications");
  }
}
