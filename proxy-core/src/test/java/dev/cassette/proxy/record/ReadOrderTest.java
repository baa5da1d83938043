package dev.cassette.proxy.record;

import static dev.cassette.proxy.session.SessionListener.Direction.CLIENT_TO_SERVER;
import static dev.cassette.proxy.session.SessionListener.Direction.SERVER_TO_CLIENT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cassette.proxy.jsonrpc.JsonRpcMessage;
import dev.cassette.proxy.session.SessionListener.Direction;
import dev.cassette.proxy.tape.Component;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReadOrderTest {

  private final List<String> seen = new ArrayList<>();
  private final ReadOrder order = new ReadOrder(new Collecting());

  @Test
  void putsAResponseJournaledBeforeItsRequestBackAfterIt() {
    message(SERVER_TO_CLIENT, 2_000, "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}");
    message(CLIENT_TO_SERVER, 1_000, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}");
    order.end("done");

    assertThat(seen).containsExactly("1000 ping", "2000 response 1", "end done");
  }

  @Test
  void keepsJournalOrderForMessagesReadAtTheSameInstant() {
    message(CLIENT_TO_SERVER, 5, "{\"jsonrpc\":\"2.0\",\"method\":\"b\"}");
    message(CLIENT_TO_SERVER, 5, "{\"jsonrpc\":\"2.0\",\"method\":\"a\"}");
    order.flush();

    assertThat(seen).containsExactly("5 b", "5 a");
  }

  @Test
  void passesAMessageOnOnceOneReadAWindowLaterArrives() {
    message(CLIENT_TO_SERVER, 0, "{\"jsonrpc\":\"2.0\",\"method\":\"first\"}");
    message(CLIENT_TO_SERVER, ReadOrder.WINDOW_NANOS - 1, "{\"jsonrpc\":\"2.0\",\"method\":\"x\"}");
    assertThat(seen).isEmpty();

    message(CLIENT_TO_SERVER, ReadOrder.WINDOW_NANOS, "{\"jsonrpc\":\"2.0\",\"method\":\"y\"}");
    assertThat(seen).containsExactly("0 first");
  }

  @Test
  void holdsAtMostABoundedNumberOfMessages() {
    for (int i = 0; i <= ReadOrder.MAX_HELD; i++) {
      message(SERVER_TO_CLIENT, i, "{\"jsonrpc\":\"2.0\",\"method\":\"n\"}");
    }
    assertThat(seen).containsExactly("0 n");
  }

  @Test
  void passesOtherEntriesStraightThrough() {
    message(CLIENT_TO_SERVER, 0, "{\"jsonrpc\":\"2.0\",\"method\":\"held\"}");
    order.problem("a problem");
    order.component(new Component("calc", "calc.wasm", "00", null, null), null);

    assertThat(seen).containsExactly("problem a problem", "component calc");
  }

  private void message(Direction direction, long nanos, String json) {
    order.message(direction, nanos, JsonRpcMessage.parse(json));
  }

  private final class Collecting implements JournalReader.Visitor {
    @Override
    public void header(JournalHeader header) {
      seen.add("header");
    }

    @Override
    public void message(Direction direction, long nanos, JsonRpcMessage message) {
      String what;
      if (message instanceof JsonRpcMessage.Request request) {
        what = request.method();
      } else if (message instanceof JsonRpcMessage.Notification notification) {
        what = notification.method();
      } else if (message instanceof JsonRpcMessage.Response response) {
        what = "response " + response.id();
      } else {
        what = "batch";
      }
      seen.add(nanos + " " + what);
    }

    @Override
    public void component(Component component, tools.jackson.databind.JsonNode request) {
      seen.add("component " + component.id());
    }

    @Override
    public void end(String reason) {
      seen.add("end " + reason);
    }

    @Override
    public void problem(String problem) {
      seen.add("problem " + problem);
    }
  }
}
