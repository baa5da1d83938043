package dev.cassette.proxy.serve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cassette.proxy.jsonrpc.Json;
import dev.cassette.proxy.tape.Exchange;
import dev.cassette.proxy.tape.SourcePosition;
import dev.cassette.proxy.tape.Tape;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class TapeServerTest {

  private static JsonNode json(String text) {
    return Json.parse(text.replace('\'', '"'));
  }

  private static Exchange exchange(String client, String response, String... notifications) {
    List<JsonNode> notes = new ArrayList<>();
    for (String note : notifications) {
      notes.add(json(note));
    }
    return new Exchange(
        json(client),
        response == null ? null : json(response),
        notes,
        List.of(),
        5,
        null,
        null,
        new SourcePosition(10, 5));
  }

  private static Tape tape(ObjectNode match, Exchange... exchanges) {
    return new Tape(
        1, "weather", List.of(), null, null, List.of(), match, List.of(exchanges), null);
  }

  private static TapeServer server(Tape tape) {
    return new TapeServer(tape, new EqualityMatcher());
  }

  private static final Exchange CALL_OSLO =
      exchange(
          "{'jsonrpc':'2.0','id':7,'method':'tools/call','params':{'name':'forecast','arguments':{'city':'Oslo'}}}",
          "{'jsonrpc':'2.0','id':7,'result':{'content':[{'type':'text','text':'rain'}]}}",
          "{'jsonrpc':'2.0','method':'notifications/message','params':{'level':'info','data':'asked'}}");

  private static List<JsonNode> send(TapeServerSession session, List<byte[]> out, String line) {
    out.clear();
    session.accept(line.replace('\'', '"').getBytes(StandardCharsets.UTF_8));
    return out.stream().map(Json::parse).toList();
  }

  @Nested
  class MatchingRequests {

    @Test
    void answersWithTheRecordedResponseUnderTheClientsIdAfterTheNotifications() {
      List<byte[]> out = new ArrayList<>();
      TapeServerSession session = server(tape(null, CALL_OSLO)).open(out::add);

      List<JsonNode> lines =
          send(
              session,
              out,
              "{'jsonrpc':'2.0','id':'abc-1','method':'tools/call','params':{'name':'forecast','arguments':{'city':'Oslo'}}}");

      assertThat(lines).hasSize(2);
      assertThat(lines.get(0).path("method").asString()).isEqualTo("notifications/message");
      assertThat(lines.get(1).path("id").asString()).isEqualTo("abc-1");
      assertThat(lines.get(1).at("/result/content/0/text").asString()).isEqualTo("rain");
      assertThat(session.served()).isEqualTo(1);
      assertThat(session.misses()).isEmpty();
    }

    @Test
    void prefersTheNextUnusedExchangeAndRepeatsTheLastOnceAllAreUsed() {
      Exchange first = exchange("{'id':1,'method':'tools/list'}", "{'id':1,'result':{'n':1}}");
      Exchange second = exchange("{'id':2,'method':'tools/list'}", "{'id':2,'result':{'n':2}}");
      List<byte[]> out = new ArrayList<>();
      TapeServerSession session = server(tape(null, first, second)).open(out::add);

      assertThat(
              send(session, out, "{'id':10,'method':'tools/list'}").get(0).at("/result/n").asInt())
          .isEqualTo(1);
      assertThat(
              send(session, out, "{'id':11,'method':'tools/list'}").get(0).at("/result/n").asInt())
          .isEqualTo(2);
      assertThat(
              send(session, out, "{'id':12,'method':'tools/list'}").get(0).at("/result/n").asInt())
          .isEqualTo(1);
    }

    @Test
    void answersPingEvenWhenTheTapeHoldsNone() {
      List<byte[]> out = new ArrayList<>();
      TapeServerSession session = server(tape(null, CALL_OSLO)).open(out::add);

      assertThat(
              send(session, out, "{'jsonrpc':'2.0','id':4,'method':'ping'}").get(0).get("result"))
          .isEqualTo(json("{}"));
    }
  }

  @Nested
  class UnusedExchanges {

    @Test
    void listsTheRecordedExchangesTheClientNeverSentButNotRepeatsOfUsedOnes() {
      Exchange list = exchange("{'id':1,'method':'tools/list'}", "{'id':1,'result':{}}");
      Exchange again = exchange("{'id':2,'method':'tools/list'}", "{'id':2,'result':{}}");
      List<byte[]> out = new ArrayList<>();
      TapeServerSession session = server(tape(null, list, again, CALL_OSLO)).open(out::add);

      assertThat(session.unused()).hasSize(3);
      send(session, out, "{'id':10,'method':'tools/list'}");

      assertThat(session.unused())
          .containsExactly(
              "exchange #3 tools/call {\"name\":\"forecast\",\"arguments\":{\"city\":\"Oslo\"}}"
                  + " (tape line 10)");
    }
  }

  @Nested
  class UnmatchedRequests {

    @Test
    void getAnErrorNamingTheNearestRecordedRequestAndTheDifferingPath() {
      List<byte[]> out = new ArrayList<>();
      TapeServerSession session = server(tape(null, CALL_OSLO)).open(out::add);

      JsonNode reply =
          send(
                  session,
                  out,
                  "{'jsonrpc':'2.0','id':5,'method':'tools/call','params':{'name':'forecast','arguments':{'city':'Bergen'}}}")
              .get(0);

      assertThat(reply.path("id").asInt()).isEqualTo(5);
      assertThat(reply.at("/error/code").asInt()).isEqualTo(TapeServerSession.NO_RECORDED_RESPONSE);
      assertThat(reply.at("/error/message").asString())
          .contains("nearest is exchange #1 at line 10 (1 difference), which differs at:")
          .contains("$.params.arguments.city: expected <\"Oslo\"> but was <\"Bergen\">");
      assertThat(session.misses())
          .singleElement()
          .satisfies(m -> assertThat(m.nearestIndex()).isZero());
    }

    @Test
    void withAnUnknownMethodListTheMethodsTheTapeHolds() {
      List<byte[]> out = new ArrayList<>();
      TapeServerSession session = server(tape(null, CALL_OSLO)).open(out::add);

      JsonNode reply =
          send(session, out, "{'jsonrpc':'2.0','id':5,'method':'prompts/list'}").get(0);

      assertThat(reply.at("/error/message").asString())
          .contains("the tape holds no prompts/list request; it holds tools/call");
    }

    @Test
    void aNotificationTheTapeDoesNotHoldIsAMissWithoutAnAnswer() {
      List<byte[]> out = new ArrayList<>();
      TapeServerSession session = server(tape(null, CALL_OSLO)).open(out::add);

      assertThat(send(session, out, "{'jsonrpc':'2.0','method':'notifications/cancelled'}"))
          .isEmpty();
      assertThat(session.misses())
          .singleElement()
          .satisfies(
              m ->
                  assertThat(m.describe())
                      .startsWith(
                          "the tape holds no exchange for the notification"
                              + " notifications/cancelled")
                      .contains("the tape holds no notifications/cancelled notification"));
    }

    @Test
    void malformedLinesGetAParseError() {
      List<byte[]> out = new ArrayList<>();
      TapeServerSession session = server(tape(null, CALL_OSLO)).open(out::add);

      JsonNode reply = send(session, out, "{not json").get(0);

      assertThat(reply.at("/error/code").asInt()).isEqualTo(-32700);
      assertThat(reply.get("id").isNull()).isTrue();
    }
  }

  @Test
  void replaysServerRequestsAndWaitsForTheClientsAnswerBeforeTheResponse() {
    Exchange sampling =
        new Exchange(
            json("{'id':1,'method':'tools/call','params':{'name':'ask'}}"),
            json("{'id':1,'result':{'content':[]}}"),
            List.of(),
            List.of(
                new Exchange.ServerRequest(
                    json("{'id':'s1','method':'sampling/createMessage','params':{}}"),
                    json("{'id':'s1','result':{}}"))),
            1,
            null,
            null,
            null);
    List<byte[]> out = new ArrayList<>();
    TapeServerSession session = server(tape(null, sampling)).open(out::add);

    List<JsonNode> first =
        send(session, out, "{'id':9,'method':'tools/call','params':{'name':'ask'}}");
    assertThat(first)
        .singleElement()
        .satisfies(
            m -> assertThat(m.path("method").asString()).isEqualTo("sampling/createMessage"));

    List<JsonNode> second = send(session, out, "{'id':'s1','result':{'model':'m'}}");
    assertThat(second)
        .singleElement()
        .satisfies(m -> assertThat(m.path("id").asInt()).isEqualTo(9));
  }

  @Test
  void servesLineStreamsUntilTheInputEnds() throws Exception {
    String input =
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"forecast\",\"arguments\":{\"city\":\"Oslo\"}}}\n"
            + "\n{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"nope\"}\n";
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    TapeServerSession session =
        server(tape(null, CALL_OSLO))
            .serve(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), out);

    assertThat(out.toString(StandardCharsets.UTF_8).lines()).hasSize(3);
    assertThat(session.misses())
        .singleElement()
        .satisfies(m -> assertThat(m.describe()).contains("nope"));
  }

  @Test
  void connectsInMemoryAndReportsClosing() throws Exception {
    TapeServerConnection connection = server(tape(null, CALL_OSLO)).connect();
    connection.send(
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"forecast\",\"arguments\":{\"city\":\"Oslo\"}}}"
            .getBytes(StandardCharsets.UTF_8));

    assertThat(connection.receive(Duration.ofSeconds(1))).isNotNull();
    assertThat(Json.parse(connection.receive(Duration.ofSeconds(1))).has("result")).isTrue();
    assertThat(connection.receive(Duration.ofMillis(10))).isNull();
    connection.close();
    assertThat(connection.isAlive()).isFalse();
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> connection.receive(Duration.ofMillis(10)))
        .isInstanceOf(dev.cassette.proxy.transport.ServerClosedException.class)
        .hasMessageContaining("weather");
  }
}
