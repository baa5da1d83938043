package dev.cassette.engine.jupiter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cassette.engine.client.CassetteClient;
import dev.cassette.engine.match.ClientMessageMatcher;
import dev.cassette.engine.match.MatchSettings;
import dev.cassette.proxy.jsonrpc.Json;
import dev.cassette.proxy.serve.TapeServer;
import dev.cassette.proxy.session.TappedConnection;
import dev.cassette.proxy.tape.Exchange;
import dev.cassette.proxy.tape.Tape;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** What a {@code @Tape} test's client calls become on the tape. */
class RecordedRequestTest {

  private static JsonNode json(String text) {
    return Json.parse(text.replace('\'', '"'));
  }

  private static final Tape SERVER =
      new Tape(
          1,
          "t",
          List.of(),
          null,
          null,
          List.of(),
          null,
          List.of(
              new Exchange(
                  json(
                      "{'jsonrpc':'2.0','id':1,'method':'tools/call','params':{'name':'add',"
                          + "'arguments':{'a':2,'b':40,'options':{'round':true,'base':10}}}}"),
                  json("{'jsonrpc':'2.0','id':1,'result':{'content':[]}}"),
                  List.of(),
                  List.of(),
                  1,
                  null,
                  null,
                  null),
              new Exchange(
                  json(
                      "{'jsonrpc':'2.0','id':2,'method':'prompts/get','params':{'name':'greet',"
                          + "'arguments':{'who':'you','tone':'warm'}}}"),
                  json("{'jsonrpc':'2.0','id':2,'result':{'messages':[]}}"),
                  List.of(),
                  List.of(),
                  1,
                  null,
                  null,
                  null)),
          null);

  /** The requests a client sends with maps iterating in the order of {@code keys}. */
  private static List<String> recorded(String... keys) {
    Map<String, Object> options = new LinkedHashMap<>();
    Map<String, Object> arguments = new LinkedHashMap<>();
    Map<String, String> prompt = new LinkedHashMap<>();
    for (String key : keys) {
      switch (key) {
        case "a" -> arguments.put("a", 2);
        case "b" -> arguments.put("b", 40);
        case "round" -> options.put("round", true);
        case "base" -> options.put("base", 10);
        case "who" -> prompt.put("who", "you");
        case "tone" -> prompt.put("tone", "warm");
        default -> throw new IllegalArgumentException(key);
      }
    }
    arguments.put("options", options);
    ExchangeLog log = new ExchangeLog();
    try (CassetteClient client =
        CassetteClient.over(
            TappedConnection.tap(
                new TapeServer(SERVER, new ClientMessageMatcher(MatchSettings.DEFAULTS)).connect(),
                log))) {
      client.callTool("add", arguments);
      client.getPrompt("greet", prompt);
    }
    return log.exchanges().stream().map(exchange -> Json.compact(exchange.client())).toList();
  }

  @Test
  void mapsWithTheSameEntriesInAnotherOrderGiveTheSameRecordedRequests() {
    List<String> one = recorded("a", "b", "round", "base", "who", "tone");
    List<String> other = recorded("b", "a", "base", "round", "tone", "who");

    assertThat(other).isEqualTo(one);
    assertThat(one)
        .containsExactly(
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"add\","
                + "\"arguments\":{\"a\":2,\"b\":40,\"options\":{\"base\":10,\"round\":true}}}}",
            "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"prompts/get\",\"params\":{\"name\":"
                + "\"greet\",\"arguments\":{\"tone\":\"warm\",\"who\":\"you\"}}}");
  }

  @Test
  void theSdkClientSendsMapArgumentsWithSortedKeysToo() throws Exception {
    Map<String, Object> arguments = new LinkedHashMap<>();
    arguments.put("b", 40);
    arguments.put("a", 2);
    McpSchema.JSONRPCRequest request =
        new McpSchema.JSONRPCRequest(
            McpSchema.JSONRPC_VERSION,
            McpSchema.METHOD_TOOLS_CALL,
            "x-1",
            McpSchema.CallToolRequest.builder("add").arguments(arguments).build());

    assertThat(SdkClients.mapper().writeValueAsString(request))
        .contains("\"arguments\":{\"a\":2,\"b\":40}");
  }
}
