package dev.cassette.proxy.record;

import dev.cassette.proxy.jsonrpc.Json;
import tools.jackson.databind.JsonNode;

/** A redaction that replaces one canary value, for tests of the recorder's plumbing. */
final class TestRedactions {

  private TestRedactions() {}

  static Redaction canary(String value) {
    return new Redaction() {
      @Override
      public JsonNode redact(JsonNode message) {
        String text = Json.compact(message);
        return text.contains(value) ? Json.parse(redact(text)) : message;
      }

      @Override
      public String redact(String text) {
        return text.replace(value, "${secret:CANARY}");
      }
    };
  }
}
