package dev.cassette.proxy.record;

import static dev.cassette.proxy.session.SessionListener.Direction.CLIENT_TO_SERVER;
import static dev.cassette.proxy.session.SessionListener.Direction.SERVER_TO_CLIENT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cassette.proxy.jsonrpc.JsonRpcMessage;
import dev.cassette.proxy.jsonrpc.MalformedMessageException;
import dev.cassette.proxy.redact.Redactor;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

class VerbatimLinesTest {

  private static final Redactor REDACTOR =
      Redactor.defaults().withEnvironment(Map.of("API_KEY", "k-0123456789abcdef"));
  private final VerbatimLines verbatim = new VerbatimLines(REDACTOR);

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\"}}",
        "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}",
        "{\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"Echo: hi\"}]},\"jsonrpc\":\"2.0\",\"id\":1}",
        "{\"jsonrpc\":\"2.0\",\"id\":\"a\",\"error\":{\"code\":-32601,\"message\":\"no such method\"}}",
        "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32700,\"message\":\"parse error\"}}",
        "  { \"jsonrpc\" : \"2.0\" , \"id\" : 2 , \"result\" : { \"n\" : 1.50e3 } }  ",
        "{\"jsonrpc\":\"2.0\",\"id\":3,\"result\":{\"big\":123456789012345678901234567890,\"u\":\"\\u00e9\"}}"
      })
  void acceptsJsonRpcMessagesWithNothingToRedact(String line) {
    assertThat(verbatim.accepts(SERVER_TO_CLIENT, bytes(line))).isTrue();
    assertThat(verbatim.accepts(CLIENT_TO_SERVER, bytes(line))).isTrue();
    JsonNode parsed = JsonRpcMessage.parse(bytes(line)).json();
    assertThat(REDACTOR.redact(parsed))
        .as("the full path leaves it unchanged too")
        .isSameAs(parsed);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        // secrets: a known value, a token shape, an assignment in text, a sensitive field
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"text\":\"key k-0123456789abcdef\"}}",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"text\":\"sk-proj-abcdefghijklmnop1234\"}}",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"text\":\"password=hunter22\"}}",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"headers\":{\"Authorization\":\"x\"}}}",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"text\":\"Bearer abcdefgh12345678\"}}",
        // a secret hidden behind a JSON escape is still seen: strings are compared decoded
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"text\":\"\\u0073k-proj-abcdefghijklmnop1234\"}}",
        // not one JSON-RPC message
        "[{\"jsonrpc\":\"2.0\",\"method\":\"a\"}]",
        "{\"jsonrpc\":\"2.0\",\"id\":1}",
        "{\"jsonrpc\":\"2.0\",\"id\":1.5,\"result\":{}}",
        "{\"jsonrpc\":\"2.0\",\"id\":{},\"result\":{}}",
        "{\"jsonrpc\":\"2.0\",\"method\":7}",
        "\"just a string\"",
        "",
        // malformed
        "{\"jsonrpc\":\"2.0\",\"method\":\"a\"",
        "{\"jsonrpc\":\"2.0\",\"method\":\"a\"} trailing",
        "{\"jsonrpc\":\"2.0\",\"method\":\"a\",\"method\":\"b\"}",
        "not json at all"
      })
  void refusesWhatTheFullPathMustDecide(String line) {
    assertThat(verbatim.accepts(SERVER_TO_CLIENT, bytes(line))).isFalse();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"jsonrpc\":\"2.0\",\"id\":1.5,\"result\":{}}",
        "{\"jsonrpc\":\"2.0\",\"method\":7}",
        "{\"jsonrpc\":\"2.0\",\"id\":1}",
        "[]"
      })
  void refusesEveryLineThatIsNotAMessageToTheFullPath(String line) {
    try {
      JsonRpcMessage.parse(bytes(line));
      throw new AssertionError("expected the full path to refuse " + line);
    } catch (MalformedMessageException expected) {
      assertThat(verbatim.accepts(SERVER_TO_CLIENT, bytes(line))).isFalse();
    }
  }

  @Test
  void sendsClientLoadComponentCallsToTheComponentProbe() {
    String line =
        "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"tools/call\",\"params\":{\"name\":"
            + "\"load-component\",\"arguments\":{\"path\":\"components/calculator.wasm\"}}}";
    assertThat(verbatim.accepts(CLIENT_TO_SERVER, bytes(line))).isFalse();
    assertThat(verbatim.accepts(SERVER_TO_CLIENT, bytes(line))).isTrue();
  }

  private static byte[] bytes(String line) {
    return line.getBytes(StandardCharsets.UTF_8);
  }
}
