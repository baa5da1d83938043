package dev.cassette.proxy.session;

import static dev.cassette.proxy.transport.TestServers.embedded;
import static dev.cassette.proxy.transport.TestServers.quickOptions;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cassette.proxy.session.SessionListener.Direction;
import dev.cassette.proxy.transport.ServerConnection;
import dev.cassette.proxy.transport.ServerConnections;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class TappedConnectionTest {

  private static final Duration WAIT = Duration.ofSeconds(10);

  record Seen(Direction direction, byte[] line, long nanoTime) {
    String text() {
      return new String(line, StandardCharsets.UTF_8);
    }
  }

  @Test
  void theListenerSeesACopyOfEachLineBothWaysInWireOrder() throws IOException {
    List<Seen> seen = new CopyOnWriteArrayList<>();
    SessionListener listener =
        (direction, line, nanoTime) -> seen.add(new Seen(direction, line, nanoTime));
    byte[] request =
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":{\"n\":1}}"
            .getBytes(StandardCharsets.UTF_8);
    try (ServerConnection live =
        ServerConnections.open(embedded("{\"name\":\"test-echo\"}"), Map.of(), quickOptions())) {
      ServerConnection tapped = TappedConnection.tap(live, listener);
      long before = System.nanoTime();
      tapped.send(request);
      byte[] response = tapped.receive(WAIT);

      assertThat(seen)
          .extracting(Seen::direction)
          .containsExactly(Direction.CLIENT_TO_SERVER, Direction.SERVER_TO_CLIENT);
      assertThat(seen.get(0).text()).isEqualTo(new String(request, StandardCharsets.UTF_8));
      assertThat(seen.get(1).line()).isEqualTo(response);
      assertThat(seen.get(0).line()).isNotSameAs(request);
      assertThat(seen.get(1).line()).isNotSameAs(response);
      assertThat(seen.get(0).nanoTime()).isBetween(before, seen.get(1).nanoTime());
      assertThat(tapped.diagnosticsTail()).isEqualTo("echo server log");
      assertThat(tapped.isAlive()).isTrue();

      tapped.close();
      assertThat(live.isAlive()).isFalse();
      assertThat(tapped.isAlive()).isFalse();
    }
  }

  @Test
  void aReceiveThatTimesOutShowsTheListenerNothing() throws IOException {
    List<Seen> seen = new CopyOnWriteArrayList<>();
    try (ServerConnection tapped =
        TappedConnection.tap(
            ServerConnections.open(embedded("{\"name\":\"test-echo\"}"), Map.of(), quickOptions()),
            (direction, line, nanoTime) -> seen.add(new Seen(direction, line, nanoTime)))) {
      assertThat(tapped.receive(Duration.ofMillis(50))).isNull();
      assertThat(seen).isEmpty();
    }
  }

  @Test
  void argumentsAreChecked() {
    assertThatThrownBy(() -> TappedConnection.tap(null, (d, l, n) -> {}))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("connection");
  }
}
