package dev.cassette.engine.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cassette.engine.match.ClientMessageMatcher;
import dev.cassette.engine.match.MatchSettings;
import dev.cassette.proxy.jsonrpc.Json;
import dev.cassette.proxy.serve.TapeServer;
import dev.cassette.proxy.tape.Exchange;
import dev.cassette.proxy.tape.Tape;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The client against a tape playing the server: notifications, server requests, timeouts. */
class CassetteClientWithTapeServerTest {

  private static JsonNode json(String text) {
    return Json.parse(text.replace('\'', '"'));
  }

  private static Tape tape(Exchange... exchanges) {
    return new Tape(1, "t", List.of(), null, null, List.of(), null, List.of(exchanges), null);
  }

  private static TapeServer server(Tape tape) {
    return new TapeServer(tape, new ClientMessageMatcher(MatchSettings.DEFAULTS));
  }

  @Test
  void waitsForNotificationsAndAnswersServerRequestsWithItsHandler() {
    Exchange call =
        new Exchange(
            json(
                "{'jsonrpc':'2.0','id':1,'method':'tools/call','params':{'name':'ask','arguments':{}}}"),
            json("{'jsonrpc':'2.0','id':1,'result':{'content':[]}}"),
            List.of(
                json(
                    "{'jsonrpc':'2.0','method':'notifications/progress','params':{'progress':1}}")),
            List.of(
                new Exchange.ServerRequest(
                    json("{'jsonrpc':'2.0','id':'r1','method':'roots/list'}"),
                    json("{'jsonrpc':'2.0','id':'r1','result':{'roots':[]}}"))),
            1,
            null,
            null,
            null);
    List<String> asked = new CopyOnWriteArrayList<>();
    try (CassetteClient client =
        CassetteClient.builder(server(tape(call)).connect())
            .serverRequestHandler(
                (method, params) -> {
                  asked.add(method);
                  return ServerRequestHandler.standard().handle(method, params);
                })
            .build()) {

      assertThat(client.callTool("ask", Map.of()).path("content").isArray()).isTrue();

      assertThat(asked).containsExactly("roots/list");
      assertThat(
              client
                  .awaitNotification("notifications/progress", Duration.ofSeconds(5))
                  .at("/params/progress")
                  .asInt())
          .isEqualTo(1);
      assertThatThrownBy(
              () -> client.awaitNotification("notifications/progress", Duration.ofMillis(100)))
          .hasMessageContaining("received: notifications/progress");
    }
  }

  @Test
  void aRequestWithoutResponseTimesOutWithinTheConfiguredBound() {
    Exchange unanswered =
        new Exchange(
            json("{'jsonrpc':'2.0','id':1,'method':'tools/list'}"),
            null,
            List.of(),
            List.of(),
            -1,
            null,
            null,
            null);
    try (CassetteClient client =
        CassetteClient.builder(server(tape(unanswered)).connect())
            .requestTimeout(Duration.ofMillis(300))
            .build()) {

      long start = System.nanoTime();
      assertThatThrownBy(client::listTools)
          .isInstanceOf(UncheckedIOException.class)
          .hasMessageContaining("no response to tools/list within PT0.3S");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }
  }

  @Test
  void rejectsBadSettingsNamingTheParameter() {
    assertThatThrownBy(
            () -> CassetteClient.builder(server(tape()).connect()).requestTimeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("requestTimeout must be positive but was PT0S");
    assertThatThrownBy(() -> CassetteClient.builder(null)).hasMessage("connection");
  }
}
