package dev.cassette.engine.match;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cassette.proxy.jsonrpc.Json;
import dev.cassette.proxy.serve.TapeServer;
import dev.cassette.proxy.serve.TapeServerSession;
import dev.cassette.proxy.tape.Exchange;
import dev.cassette.proxy.tape.SourcePosition;
import dev.cassette.proxy.tape.Tape;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The one client-message matcher, as a {@link TapeServer} (so {@code cassette serve}) uses it. */
class ClientMessageMatcherTests {

  private static JsonNode json(String text) {
    return Json.parse(text.replace('\'', '"'));
  }

  private static Exchange exchange(String client, ObjectNode match) {
    return new Exchange(
        json(client),
        json("{'jsonrpc':'2.0','id':1,'result':{'ok':true}}"),
        List.of(),
        List.of(),
        1,
        match,
        null,
        new SourcePosition(10, 5));
  }

  private static Tape tape(ObjectNode match, Exchange... exchanges) {
    return new Tape(1, "t", List.of(), null, null, List.of(), match, List.of(exchanges), null);
  }

  /** The server's answer to one client line. */
  private static JsonNode answer(Tape tape, String line) {
    List<byte[]> out = new ArrayList<>();
    TapeServerSession session =
        new TapeServer(tape, new ClientMessageMatcher(MatchSettings.DEFAULTS)).open(out::add);
    session.accept(line.replace('\'', '"').getBytes(StandardCharsets.UTF_8));
    return Json.parse(out.get(out.size() - 1));
  }

  @Nested
  class EmptyAndAbsentParams {

    @Test
    void aRecordedEmptyParamsMatchesARequestWithoutParams() {
      Tape tape =
          tape(null, exchange("{'jsonrpc':'2.0','id':1,'method':'tools/list','params':{}}", null));

      assertThat(answer(tape, "{'jsonrpc':'2.0','id':2,'method':'tools/list'}").has("result"))
          .isTrue();
    }

    @Test
    void aRecordedRequestWithoutParamsMatchesEmptyParamsAndParamsWithOnlyMeta() {
      Tape tape = tape(null, exchange("{'jsonrpc':'2.0','id':1,'method':'tools/list'}", null));

      assertThat(
              answer(tape, "{'jsonrpc':'2.0','id':2,'method':'tools/list','params':{}}")
                  .has("result"))
          .isTrue();
      assertThat(
              answer(
                      tape,
                      "{'jsonrpc':'2.0','id':3,'method':'tools/list','params':{'_meta':{'progressToken':7}}}")
                  .has("result"))
          .isTrue();
    }

    @Test
    void emptyParamsStillDifferFromParamsThatHoldSomething() {
      Tape tape = tape(null, exchange("{'jsonrpc':'2.0','id':1,'method':'tools/list'}", null));

      JsonNode reply =
          answer(tape, "{'jsonrpc':'2.0','id':2,'method':'tools/list','params':{'cursor':'c2'}}");

      assertThat(reply.at("/error/message").asString())
          .contains("nearest is exchange #1 at line 10 (1 difference)")
          .contains("\"params.cursor\" expected: <no field> but was: <\"c2\">");
    }
  }

  @Nested
  class TheTapesMatchers {

    @Test
    void honoursIgnorePathsAndPlaceholders() {
      Tape tape =
          tape(
              (ObjectNode) json("{'ignorePaths':['$.params.arguments.at']}"),
              exchange(
                  "{'id':1,'method':'tools/call','params':{'name':'${json-unit.any-string}','arguments':{'at':'x'}}}",
                  null));

      assertThat(
              answer(
                      tape,
                      "{'id':3,'method':'tools/call','params':{'name':'n','arguments':{'at':'y'}}}")
                  .has("result"))
          .isTrue();
    }

    @Test
    void honoursTheExchangesMatchBlockOverTheTapes() {
      Tape tape =
          tape(
              (ObjectNode) json("{'ignoreExtraFields':false}"),
              exchange(
                  "{'id':1,'method':'tools/call','params':{'name':'n'}}",
                  (ObjectNode) json("{'ignoreExtraFields':true}")));

      assertThat(
              answer(tape, "{'id':3,'method':'tools/call','params':{'name':'n','extra':1}}")
                  .has("result"))
          .isTrue();
    }

    @Test
    void matchesTheHandshakeWhateverTheClientCallsItself() {
      Tape tape =
          tape(
              null,
              exchange(
                  "{'id':0,'method':'initialize','params':{'protocolVersion':'2025-06-18','clientInfo':{'name':'a'},'capabilities':{}}}",
                  null));

      assertThat(
              answer(
                      tape,
                      "{'id':'x','method':'initialize','params':{'protocolVersion':'2025-11-25','clientInfo':{'name':'b'},'capabilities':{'roots':{}}}}")
                  .has("result"))
          .isTrue();
    }

    @Test
    void gradesTheNearestMissByTheNumberOfDifferences() {
      Tape tape =
          tape(
              null,
              exchange(
                  "{'id':1,'method':'tools/call','params':{'name':'a','arguments':{'x':1,'y':2}}}",
                  null),
              exchange(
                  "{'id':2,'method':'tools/call','params':{'name':'b','arguments':{'x':1,'y':3}}}",
                  null));

      JsonNode reply =
          answer(
              tape,
              "{'id':3,'method':'tools/call','params':{'name':'b','arguments':{'x':1,'y':2}}}");

      assertThat(reply.at("/error/data/nearestExchange").asInt()).isEqualTo(1);
      assertThat(reply.at("/error/message").asString())
          .contains("nearest is exchange #1 at line 10 (1 difference), which differs at:")
          .contains("\"params.name\" expected: <\"a\"> but was: <\"b\">");
    }
  }

  @Test
  @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void aRegexPlaceholderThatBacktracksWithoutEndIsReportedAsTooSlow() {
    Tape tape =
        tape(
            null,
            exchange(
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\","
                    + "\"arguments\":{\"text\":\"${json-unit.regex}(.*a){20}$\"}}}",
                null));

    JsonNode reply =
        answer(
            tape,
            "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\","
                + "\"arguments\":{\"text\":\""
                + "a".repeat(50)
                + "!\"}}}");

    assertThat(reply.at("/error/code").asInt()).isEqualTo(TapeServerSession.NO_RECORDED_RESPONSE);
    assertThat(reply.at("/error/message").asString())
        .contains(
            "placeholder ${json-unit.regex}(.*a){20}$ at $.params.arguments.text took longer than"
                + " 1 s to match");
  }
}
