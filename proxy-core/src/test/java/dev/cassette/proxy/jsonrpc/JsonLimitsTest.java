package dev.cassette.proxy.jsonrpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Jackson's own limits never refuse a message the transport accepts. */
class JsonLimitsTest {

  @Test
  void aValidResultWithAStringOf100MillionCharactersIsAMessage() {
    int length = 100_000_001; // one more than Jackson's default maxStringLength
    String head =
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"";
    String tail = "\"}]}}";
    byte[] line = new byte[head.length() + length + tail.length()];
    System.arraycopy(head.getBytes(StandardCharsets.US_ASCII), 0, line, 0, head.length());
    java.util.Arrays.fill(line, head.length(), head.length() + length, (byte) 'x');
    System.arraycopy(
        tail.getBytes(StandardCharsets.US_ASCII), 0, line, head.length() + length, tail.length());

    JsonRpcMessage message = JsonRpcMessage.parse(line);

    assertThat(message).isInstanceOf(JsonRpcMessage.Response.class);
    assertThat(message.json().at("/result/content/0/text").stringValue()).hasSize(length);
  }
}
