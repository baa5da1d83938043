package dev.cassette.engine.jupiter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cassette.engine.match.ClientMessageMatcher;
import dev.cassette.engine.match.MatchSettings;
import dev.cassette.proxy.jsonrpc.Json;
import dev.cassette.proxy.serve.TapeServer;
import dev.cassette.proxy.serve.TapeServerSession;
import dev.cassette.proxy.tape.Exchange;
import dev.cassette.proxy.tape.Tape;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A recorded request matches a live one the same way whether the tape serves it ({@code cassette
 * serve}, offline {@code @Tape}) or {@code @Tape} verifies a live session against it.
 */
class ServeAndVerifyMatchAlikeTest {

  private static final JsonNode RESPONSE =
      Json.parse("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}");

  private static Exchange exchange(JsonNode client) {
    return new Exchange(client, RESPONSE, List.of(), List.of(), 1, null, null, null);
  }

  private static JsonNode call(String argument) {
    return Json.parse(
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\","
            + "\"arguments\":{\"message\":"
            + argument
            + "}}}");
  }

  private static boolean served(Tape tape, JsonNode live) {
    List<byte[]> out = new ArrayList<>();
    TapeServerSession session =
        new TapeServer(tape, new ClientMessageMatcher(MatchSettings.DEFAULTS)).open(out::add);
    session.accept(Json.compactBytes(live));
    return Json.parse(out.get(0)).has("result");
  }

  private static boolean verified(Tape tape, JsonNode live) {
    return new TapeVerifier(new JsonComparator())
        .verify(tape, "t.tape.json", List.of(exchange(live)), MatchSettings.DEFAULTS)
        .isEmpty();
  }

  @ParameterizedTest(name = "recorded {0}, live {1}: {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "\"${json-unit.regex}^hel+o$\"  | \"hello\"   | true  | ",
        "\"${json-unit.regex}^hel+o$\"  | \"hello!\"  | false | ",
        "\"#{json-unit.regex}^hel+o$\"  | \"hello\"   | true  | ",
        "\"${json-unit.any-number}\"    | 5           | true  | ",
        "\"${json-unit.any-number}\"    | \"5\"       | false | ",
        "\"${json-unit.ignore}\"        | {\"a\":[1]} | true  | ",
        "{\"a\":1}                      | {\"a\":1,\"b\":2} | false | ",
        "{\"a\":1}                      | {\"a\":1,\"b\":2} | true  | {\"ignoreExtraFields\":true}",
        "[1,2]                          | [2,1]       | true  | {\"ignoreArrayOrder\":true}",
        "1.0                            | 1.04        | true  | {\"numericTolerance\":0.05}",
      })
  void aPlaceholderOrMatchSettingDecidesAlikeInServeAndVerify(
      String recorded, String live, boolean matches, String matchBlock) {
    ObjectNode match = matchBlock == null ? null : (ObjectNode) Json.parse(matchBlock);
    Tape tape =
        new Tape(
            1,
            "t",
            List.of(),
            null,
            null,
            List.of(),
            match,
            List.of(exchange(call(recorded))),
            null);
    JsonNode request = call(live);

    assertThat(served(tape, request)).as("served").isEqualTo(matches);
    assertThat(verified(tape, request)).as("verified").isEqualTo(matches);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\",\"params\":{}} | {\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/list\"}",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"} | {\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/list\",\"params\":{}}",
      })
  void emptyAndAbsentParamsAreTheSameRequestInServeAndVerify(String recorded, String live) {
    Tape tape =
        new Tape(
            1,
            "t",
            List.of(),
            null,
            null,
            List.of(),
            null,
            List.of(exchange(Json.parse(recorded))),
            null);

    assertThat(served(tape, Json.parse(live))).as("served").isTrue();
    assertThat(verified(tape, Json.parse(live))).as("verified").isTrue();
  }
}
