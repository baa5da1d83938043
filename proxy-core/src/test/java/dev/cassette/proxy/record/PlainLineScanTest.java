package dev.cassette.proxy.record;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cassette.proxy.redact.Redactor;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PlainLineScanTest {

  private static final Redactor REDACTOR =
      Redactor.defaults().withEnvironment(Map.of("API_KEY", "k-0123456789abcdef"));
  private final PlainLineScan plain = new PlainLineScan(REDACTOR);
  private final VerbatimLines verbatim = new VerbatimLines(REDACTOR);

  private static final List<String> MESSAGES =
      List.of(
          "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
              + "\"2025-11-25\",\"capabilities\":{\"roots\":{\"listChanged\":true}},"
              + "\"clientInfo\":{\"name\":\"t\",\"version\":\"1.0.0\"}}}",
          "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}",
          "{\"jsonrpc\":\"2.0\",\"id\":\"a1\",\"method\":\"tools/call\",\"params\":{\"name\":\"echo\","
              + "\"arguments\":{\"message\":\"hi\",\"n\":-1.50e+3,\"list\":[1,true,false,null,[],{}]}}}",
          "{\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"Echo: hi\"}],\"isError\":false},"
              + "\"jsonrpc\":\"2.0\",\"id\":12}",
          "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32700,\"message\":\"Parse error\"}}",
          " {\t\"jsonrpc\" : \"2.0\" , \"id\" : -7 , \"result\" : { } } \r");

  @Test
  void acceptsPlainMessages() {
    for (String message : MESSAGES) {
      assertThat(plain.accepts(bytes(message), true)).as(message).isTrue();
    }
  }

  @Test
  void tellsKeysOfNestedObjectsApart() {
    String nested =
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"id\":{\"id\":2},\"x\":[{\"x\":1},{\"x\":2}]}}";
    String duplicateAfterNested =
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"a\":{\"b\":1},\"a\":2}}";

    assertThat(plain.accepts(bytes(nested), false)).isTrue();
    assertThat(plain.accepts(bytes(duplicateAfterNested), false)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        // left to Jackson: escapes, non-ASCII, a raw tab inside a string
        "{\"jsonrpc\":\"2.0\",\"method\":\"a\\nb\"}",
        "{\"jsonrpc\":\"2.0\",\"method\":\"caf\u00e9\"}",
        "{\"jsonrpc\":\"2.0\",\"method\":\"a\tb\"}",
        // refused outright: secrets, sensitive fields, shapes, duplicates, bad JSON
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"text\":\"key k-0123456789abcdef\"}}",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"password\":1}}",
        "{\"jsonrpc\":\"2.0\",\"id\":1.0,\"result\":{}}",
        "{\"jsonrpc\":\"2.0\",\"id\":1e3,\"result\":{}}",
        "{\"jsonrpc\":\"2.0\",\"id\":true,\"result\":{}}",
        "{\"jsonrpc\":\"2.0\",\"id\":1}",
        "{\"jsonrpc\":\"2.0\",\"method\":1}",
        "{\"jsonrpc\":\"2.0\",\"method\":\"a\",\"method\":\"b\"}",
        "{\"jsonrpc\":\"2.0\",\"method\":\"a\",\"x\":01}",
        "{\"jsonrpc\":\"2.0\",\"method\":\"a\",\"x\":1.}",
        "{\"jsonrpc\":\"2.0\",\"method\":\"a\",\"x\":tru}",
        "{\"jsonrpc\":\"2.0\",\"method\":\"a\",}",
        "{\"jsonrpc\":\"2.0\",\"method\":\"a\"} {}",
        "[{\"jsonrpc\":\"2.0\",\"method\":\"a\"}]",
        "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"load-component\"}}"
      })
  void refusesWhatItCannotVouchFor(String line) {
    assertThat(plain.accepts(bytes(line), true)).isFalse();
  }

  /** Soundness: over mutations of real messages, a line the scan accepts Jackson accepts too. */
  @Test
  void neverAcceptsALineTheParserRefuses() {
    Random random = new Random(20261125);
    String alphabet = "{}[]:,\"0123456789-+.eEtrufalsn \tabcxyz\\";
    int accepted = 0;
    for (int round = 0; round < 40_000; round++) {
      StringBuilder line = new StringBuilder(MESSAGES.get(random.nextInt(MESSAGES.size())));
      for (int edits = 1 + random.nextInt(3); edits > 0; edits--) {
        int at = random.nextInt(line.length());
        char c = alphabet.charAt(random.nextInt(alphabet.length()));
        switch (random.nextInt(3)) {
          case 0 -> line.deleteCharAt(at);
          case 1 -> line.insert(at, c);
          default -> line.setCharAt(at, c);
        }
      }
      byte[] bytes = bytes(line.toString());
      boolean clientToServer = random.nextBoolean();
      if (plain.accepts(bytes, clientToServer)) {
        accepted++;
        assertThat(verbatim.acceptsByParsing(clientToServer, bytes)).as(line.toString()).isTrue();
      }
    }
    assertThat(accepted).as("mutations the scan still accepted").isGreaterThan(1000);
  }

  private static byte[] bytes(String line) {
    return line.getBytes(StandardCharsets.UTF_8);
  }
}
