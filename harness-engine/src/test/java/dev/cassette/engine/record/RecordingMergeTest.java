package dev.cassette.engine.record;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cassette.proxy.tape.Exchange;
import dev.cassette.proxy.tape.Tape;
import dev.cassette.proxy.tape.TapeCodec;
import org.junit.jupiter.api.Test;

class RecordingMergeTest {

  private static Tape tape(String at, String... exchanges) throws Exception {
    return TapeCodec.read(
        "{\"cassette\":1,\"name\":\"t\",\"recorded\":{\"at\":\""
            + at
            + "\",\"by\":\"test\"},\"server\":{\"transport\":\"stdio\",\"command\":[\"s\"]},"
            + "\"exchanges\":["
            + String.join(",", exchanges)
            + "]}",
        "t.tape.json");
  }

  private static String call(int id, String text, long elapsed, String match) {
    return "{\"client\":{\"jsonrpc\":\"2.0\",\"id\":"
        + id
        + ",\"method\":\"tools/call\",\"params\":{\"name\":\"echo\"}},"
        + "\"response\":{\"jsonrpc\":\"2.0\",\"id\":"
        + id
        + ",\"result\":{\"text\":\""
        + text
        + "\",\"n\":"
        + id
        + "}},\"elapsedMillis\":"
        + elapsed
        + (match == null ? "" : ",\"match\":" + match)
        + "}";
  }

  @Test
  void anUnchangedSessionGivesTheEarlierTapeItself() throws Exception {
    Tape earlier = tape("2026-01-01T00:00:00Z", call(1, "a", 5, null), call(2, "b", 6, null));
    Tape fresh = tape("2026-11-25T00:00:00Z", call(1, "a", 50, null), call(2, "b", 60, null));

    RecordingMerge.Result merged = RecordingMerge.merge(earlier, fresh);

    assertThat(merged.unchanged()).isTrue();
    assertThat(merged.tape()).isSameAs(earlier);
    assertThat(merged.kept()).isEqualTo(2);
  }

  @Test
  void aChangedResponseIsUpdatedInPlaceKeepingItsMatchBlockAndTime() throws Exception {
    String ignoreText = "{\"ignorePaths\":[\"$.result.text\"]}";
    Tape earlier = tape("2026-01-01T00:00:00Z", call(1, "a", 5, ignoreText), call(2, "b", 6, null));
    Tape fresh = tape("2026-11-25T00:00:00Z", call(1, "A", 50, null), call(2, "B", 60, null));

    RecordingMerge.Result merged = RecordingMerge.merge(earlier, fresh);

    assertThat(merged.unchanged()).isFalse();
    assertThat(merged.kept()).as("the ignored text changed only").isEqualTo(1);
    assertThat(merged.updated()).isEqualTo(1);
    assertThat(merged.tape().recorded().at()).isEqualTo("2026-11-25T00:00:00Z");
    assertThat(merged.tape().exchanges().get(0).response().at("/result/text").asString())
        .isEqualTo("a");
    assertThat(merged.tape().exchanges().get(0).match()).isNotNull();
    assertThat(merged.tape().exchanges().get(1).response().at("/result/text").asString())
        .isEqualTo("B");
    assertThat(merged.tape().exchanges().get(1).elapsedMillis()).isEqualTo(6);
  }

  @Test
  void exchangesWithAnotherRequestOrBeyondTheEarlierTapeAreTakenAsRecorded() throws Exception {
    Tape earlier = tape("2026-01-01T00:00:00Z", call(1, "a", 5, null));
    Tape fresh =
        tape(
            "2026-11-25T00:00:00Z",
            call(1, "x", 50, null).replace("\"echo\"", "\"other\""),
            call(2, "y", 60, null));

    RecordingMerge.Result merged = RecordingMerge.merge(earlier, fresh);

    assertThat(merged.kept()).isZero();
    assertThat(merged.updated()).isZero();
    assertThat(merged.tape().exchanges())
        .extracting(exchange -> exchange.elapsedMillis())
        .containsExactly(50L, 60L);
  }

  /** An exchange whose request and response carry the id {@code id}. */
  private static String withId(String id, String text, long elapsed) {
    return "{\"client\":{\"jsonrpc\":\"2.0\",\"id\":\""
        + id
        + "\",\"method\":\"tools/call\",\"params\":{\"name\":\"echo\"}},"
        + "\"response\":{\"jsonrpc\":\"2.0\",\"id\":\""
        + id
        + "\",\"result\":{\"text\":\""
        + text
        + "\"}},\"elapsedMillis\":"
        + elapsed
        + "}";
  }

  @Test
  void aRequestWithAnotherIdOnlyIsTheSameRequestAndKeepsTheEarlierId() throws Exception {
    // the MCP Java SDK draws a random id prefix for every session
    Tape earlier =
        tape("2026-01-01T00:00:00Z", withId("88ab4eae-0", "a", 5), withId("88ab4eae-1", "b", 6));
    Tape fresh =
        tape("2026-11-25T00:00:00Z", withId("0f3c91d2-0", "a", 50), withId("0f3c91d2-1", "B", 60));

    RecordingMerge.Result merged = RecordingMerge.merge(earlier, fresh);

    assertThat(merged.kept()).isEqualTo(1);
    assertThat(merged.updated()).isEqualTo(1);
    assertThat(merged.tape().exchanges().get(0))
        .isEqualTo(earlier.exchanges().get(0).withoutPosition());
    Exchange updated = merged.tape().exchanges().get(1);
    assertThat(updated.response().at("/result/text").asString()).isEqualTo("B");
    assertThat(updated.client().get("id").asString()).isEqualTo("88ab4eae-1");
    assertThat(updated.response().get("id").asString()).isEqualTo("88ab4eae-1");
    assertThat(updated.elapsedMillis()).isEqualTo(6);

    assertThat(
            RecordingMerge.merge(
                    earlier,
                    tape("2026-11-25T00:00:00Z", withId("x-0", "a", 1), withId("x-1", "b", 2)))
                .unchanged())
        .isTrue();
  }
}
