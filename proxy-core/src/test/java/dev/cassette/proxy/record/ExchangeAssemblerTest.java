package dev.cassette.proxy.record;

import static dev.cassette.proxy.session.SessionListener.Direction.CLIENT_TO_SERVER;
import static dev.cassette.proxy.session.SessionListener.Direction.SERVER_TO_CLIENT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cassette.proxy.jsonrpc.JsonRpcMessage;
import dev.cassette.proxy.session.SessionListener.Direction;
import dev.cassette.proxy.tape.Exchange;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExchangeAssemblerTest {

  private final List<Exchange> exchanges = new ArrayList<>();
  private final ExchangeAssembler assembler = new ExchangeAssembler(exchanges::add);
  private long clock;

  private void client(String json) {
    send(CLIENT_TO_SERVER, json);
  }

  private void server(String json) {
    send(SERVER_TO_CLIENT, json);
  }

  private void send(Direction direction, String json) {
    clock += 2_000_000;
    assembler.accept(direction, JsonRpcMessage.parse(json), clock);
  }

  @Test
  void pairsRequestsAndResponsesByIdKeepingTheIdType() {
    client("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"a\"}");
    client("{\"jsonrpc\":\"2.0\",\"id\":\"1\",\"method\":\"b\"}");
    server("{\"jsonrpc\":\"2.0\",\"id\":\"1\",\"result\":{\"for\":\"b\"}}");
    server("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"for\":\"a\"}}");
    assembler.finish();

    assertThat(exchanges).hasSize(2);
    assertThat(exchanges.get(0).method()).isEqualTo("a");
    assertThat(exchanges.get(0).response().get("result").get("for").asString()).isEqualTo("a");
    assertThat(exchanges.get(0).elapsedMillis()).isEqualTo(6);
    assertThat(exchanges.get(1).response().get("result").get("for").asString()).isEqualTo("b");
    assertThat(assembler.problems()).isEmpty();
  }

  @Test
  void filesNotificationsInTheOpenWindowOrAfterTheLatestExchange() {
    client("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\"}");
    server("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/message\",\"params\":{\"n\":1}}");
    server("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}");
    server("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/message\",\"params\":{\"n\":2}}");
    client("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
    server("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/message\",\"params\":{\"n\":3}}");
    assembler.finish();

    assertThat(exchanges).hasSize(2);
    assertThat(exchanges.get(0).notifications()).hasSize(2);
    assertThat(exchanges.get(1).response()).isNull();
    assertThat(exchanges.get(1).elapsedMillis()).isEqualTo(-1);
    assertThat(exchanges.get(1).notifications())
        .singleElement()
        .satisfies(n -> assertThat(n.get("params").get("n").asInt()).isEqualTo(3));
  }

  @Test
  void progressGoesToTheRequestCarryingItsToken() {
    client(
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\","
            + "\"params\":{\"_meta\":{\"progressToken\":\"t1\"}}}");
    client("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}");
    server(
        "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\","
            + "\"params\":{\"progressToken\":\"t1\",\"progress\":1}}");
    server("{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":{}}");
    server("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}");
    assembler.finish();

    assertThat(exchanges.get(0).notifications()).hasSize(1);
    assertThat(exchanges.get(1).notifications()).isEmpty();
  }

  @Test
  void serverRequestsCarryTheClientsAnswer() {
    client("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
    server("{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"roots/list\"}");
    client("{\"jsonrpc\":\"2.0\",\"id\":0,\"result\":{\"roots\":[]}}");
    client("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"ping\"}");
    server("{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":{}}");
    assembler.finish();

    assertThat(exchanges).hasSize(2);
    Exchange.ServerRequest roots = exchanges.get(0).serverRequests().get(0);
    assertThat(roots.request().get("method").asString()).isEqualTo("roots/list");
    assertThat(roots.response().get("result").has("roots")).isTrue();
  }

  @Test
  void aServerRequestTheClientNeverAnsweredIsKeptAndNotedButLeavesTheExchangeComplete() {
    client("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\"}");
    server("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}");
    server("{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"roots/list\"}");
    assembler.finish();

    assertThat(assembler.incomplete()).isZero();
    assertThat(exchanges).hasSize(1);
    Exchange.ServerRequest roots = exchanges.get(0).serverRequests().get(0);
    assertThat(roots.request().get("method").asString()).isEqualTo("roots/list");
    assertThat(roots.response()).isNull();
    assertThat(assembler.problems())
        .containsExactly(
            "exchange 0 (tools/call): the client never answered the server's roots/list request"
                + " (kept without an answer)");
  }

  @Test
  void aRequestWithoutResponseIsIncomplete() {
    client("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}");
    server("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}");
    client("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\"}");
    server("{\"jsonrpc\":\"2.0\",\"id\":\"s\",\"method\":\"sampling/createMessage\"}");
    assembler.finish();

    assertThat(assembler.incomplete()).isOne();
    assertThat(assembler.problems())
        .containsExactly(
            "exchange 1 (tools/call) ended without a response",
            "exchange 1 (tools/call): the client never answered the server's"
                + " sampling/createMessage request (kept without an answer)");
  }

  @Test
  void aBatchIsOneExchangeEachSide() {
    client(
        "[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"a\"},"
            + "{\"jsonrpc\":\"2.0\",\"method\":\"n\"},{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"b\"}]");
    server(
        "[{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":{}},{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}]");
    client("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"c\"}");
    assembler.finish();

    assertThat(exchanges).hasSize(2);
    assertThat(exchanges.get(0).client().isArray()).isTrue();
    assertThat(exchanges.get(0).response().size()).isEqualTo(2);
    assertThat(assembler.problems()).singleElement().asString().contains("without a response");
  }

  @Test
  void notesTheHandshake() {
    client(
        "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\"}}");
    server(
        "{\"jsonrpc\":\"2.0\",\"id\":0,\"result\":{\"protocolVersion\":\"2025-06-18\","
            + "\"serverInfo\":{\"name\":\"s\",\"version\":\"1\"}}}");
    assembler.finish();

    assertThat(assembler.handshake().protocolVersion()).isEqualTo("2025-06-18");
    assertThat(assembler.handshake().serverInfo().get("name").asString()).isEqualTo("s");
  }

  @Test
  void notesServerDiscoverOfTheStatelessRevision() {
    client(
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"server/discover\",\"params\":{\"_meta\":"
            + "{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\"}}}");
    server(
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"supportedVersions\":[\"2026-07-28\"],"
            + "\"serverInfo\":{\"name\":\"v2\",\"version\":\"2.4.0\"}}}");
    assembler.finish();

    assertThat(assembler.handshake().protocolVersion()).isEqualTo("2026-07-28");
    assertThat(assembler.handshake().serverInfo().get("name").asString()).isEqualTo("v2");
  }

  @Test
  void aStatelessSessionWithoutServerDiscoverTakesVersionAndServerInfoFromMeta() {
    client(
        "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"tools/list\",\"params\":{\"_meta\":"
            + "{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\"}}}");
    server(
        "{\"jsonrpc\":\"2.0\",\"id\":0,\"result\":{\"tools\":[],\"_meta\":"
            + "{\"io.modelcontextprotocol/serverInfo\":{\"name\":\"v2\",\"version\":\"2.4.0\"}}}}");
    client("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":{}}");
    server("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}");
    assembler.finish();

    assertThat(assembler.handshake().protocolVersion()).isEqualTo("2026-07-28");
    assertThat(assembler.handshake().serverInfo().get("name").asString()).isEqualTo("v2");
  }

  @Test
  void aSessionWithoutHandshakeOrMetaHasNoVersion() {
    client("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}");
    server("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"tools\":[]}}");
    assembler.finish();

    assertThat(assembler.handshake().protocolVersion()).isNull();
    assertThat(assembler.handshake().serverInfo()).isNull();
  }

  @Test
  void emitsFinishedExchangesEarlySoOnlyOpenOnesAreHeld() {
    for (int i = 0; i < 1000; i++) {
      client("{\"jsonrpc\":\"2.0\",\"id\":" + i + ",\"method\":\"ping\"}");
      server("{\"jsonrpc\":\"2.0\",\"id\":" + i + ",\"result\":{}}");
    }
    assertThat(exchanges).hasSize(999);
    assembler.finish();
    assertThat(exchanges).hasSize(1000);
  }

  @Test
  void reportsAResponseToAnUnknownId() {
    client("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"a\"}");
    server("{\"jsonrpc\":\"2.0\",\"id\":99,\"result\":{}}");
    server("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}");
    assembler.finish();

    assertThat(assembler.problems()).singleElement().asString().contains("unknown request id 99");
    assertThat(exchanges.get(0).notifications()).hasSize(1);
  }
}
