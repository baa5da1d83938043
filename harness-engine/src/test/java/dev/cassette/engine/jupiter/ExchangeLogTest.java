package dev.cassette.engine.jupiter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cassette.proxy.tape.Exchange;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExchangeLogTest {

  private static byte[] line(String text) {
    return text.replace('\'', '"').getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void filesNotificationsAndServerRequestsInTheWindowOfTheOpenRequest() {
    ExchangeLog log = new ExchangeLog();
    log.fromClient(line("{'jsonrpc':'2.0','id':1,'method':'tools/call','params':{'name':'a'}}"), 0);
    log.fromServer(line("{'jsonrpc':'2.0','method':'notifications/progress'}"), 1);
    log.fromServer(line("{'jsonrpc':'2.0','id':'s','method':'roots/list'}"), 2);
    log.fromClient(line("{'jsonrpc':'2.0','id':'s','result':{'roots':[]}}"), 3);
    log.fromServer(line("{'jsonrpc':'2.0','id':1,'result':{}}"), 5_000_000);
    log.fromServer(line("{'jsonrpc':'2.0','method':'notifications/tools/list_changed'}"), 6);

    List<Exchange> exchanges = log.exchanges();

    assertThat(exchanges)
        .singleElement()
        .satisfies(
            exchange -> {
              assertThat(exchange.notifications()).hasSize(2);
              assertThat(exchange.serverRequests())
                  .singleElement()
                  .satisfies(
                      call -> assertThat(call.response().at("/result/roots").isArray()).isTrue());
              assertThat(exchange.response().has("result")).isTrue();
              assertThat(exchange.elapsedMillis()).isEqualTo(5);
            });
  }

  @Test
  void splitsBatchesAndNotesWhatIsNotJsonRpc() {
    ExchangeLog log = new ExchangeLog();
    log.fromClient(
        line("[{'jsonrpc':'2.0','id':1,'method':'ping'},{'jsonrpc':'2.0','method':'x'}]"), 0);
    log.fromServer(line("[{'jsonrpc':'2.0','id':1,'result':{}}]"), 1);
    log.fromServer(line("not json"), 2);
    log.fromServer(line("{'jsonrpc':'2.0','id':99,'result':{}}"), 3);

    assertThat(log.exchanges()).extracting(Exchange::method).containsExactly("ping", "x");
    assertThat(log.exchanges().get(0).response()).isNotNull();
    assertThat(log.problems())
        .hasSize(2)
        .anySatisfy(p -> assertThat(p).startsWith("server sent a line that is not JSON-RPC"))
        .anySatisfy(p -> assertThat(p).isEqualTo("server answered unknown request id 99"));
  }
}
