package dev.cassette.engine.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cassette.engine.match.MatchSettings;
import dev.cassette.proxy.jsonrpc.Json;
import dev.cassette.proxy.tape.Exchange;
import dev.cassette.proxy.tape.ServerSpec;
import dev.cassette.proxy.transport.ServerConnection;
import dev.cassette.proxy.transport.ServerConnections;
import dev.cassette.proxy.transport.TransportOptions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Plays single exchanges against the small stateless test server. */
class ExchangePlayerTests {

  static ServerConnection stateless() throws Exception {
    return ServerConnections.open(
        ServerSpec.stdio(
            List.of("node", "src/test/resources/dev/cassette/engine/servers/stateless.js")),
        Map.of(),
        TransportOptions.defaults());
  }

  static Exchange exchange(String client) {
    return new Exchange(Json.parse(client), null, List.of(), List.of(), -1, null, null, null);
  }

  @Test
  void secretPlaceholdersAreRestoredFromTheEnvironmentBeforeSending() throws Exception {
    try (ServerConnection connection = stateless()) {
      ExchangePlayer player =
          new ExchangePlayer(connection, Duration.ofSeconds(30), Map.of("WHO", "Grace"));
      ObservedExchange observed =
          player.play(
              exchange(
                  "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"greet\","
                      + "\"arguments\":{\"name\":\"${secret:WHO}\"},\"_meta\":{\"modelcontextprotocol.io/protocolVersion\":\"2026-07-28\"}}}"),
              MatchSettings.DEFAULTS);
      assertThat(observed.response().path("result").path("content").get(0).path("text").asString())
          .isEqualTo("hello Grace via 2026-07-28");
      assertThat(observed.problems()).isEmpty();
      assertThat(observed.elapsedMillis()).isNotNegative();
    }
  }

  @Test
  void clientNotificationsWaitForNothingWhenNoNotificationIsExpected() throws Exception {
    try (ServerConnection connection = stateless()) {
      ExchangePlayer player = new ExchangePlayer(connection, Duration.ofSeconds(30), Map.of());
      long started = System.nanoTime();
      ObservedExchange observed =
          player.play(
              exchange("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}"),
              MatchSettings.DEFAULTS);
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
      assertThat(observed.response()).isNull();
      assertThat(observed.notifications()).isEmpty();
    }
  }
}
