package dev.cassette.proxy.redact;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cassette.proxy.jsonrpc.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Copy-on-write, many secrets at once, and the skipping of rules that cannot match. */
class RedactorFastPathTest {

  private static final Redactor REDACTOR =
      Redactor.defaults()
          .withEnvironment(Map.of("API_TOKEN", "tok-9f8e7d6c", "DB_PASSWORD", "pa55-w0rd!"));

  @Nested
  class CopyOnWrite {

    @Test
    void returnsTheSameInstancesWhenNothingIsSecret() {
      JsonNode message =
          Json.parse(
              """
              {"jsonrpc":"2.0","id":7,"result":{"content":[{"type":"text","text":"Echo: hi"}],
               "meta":{"uri":"https://example.com/a?b=c","progressToken":"abc-123","n":1.5}}}
              """);
      String text = "Echo: nothing secret here, see https://example.com/x?y=1";

      assertThat(REDACTOR.redact(message)).isSameAs(message);
      assertThat(REDACTOR.redact(text)).isSameAs(text);
    }

    @Test
    void copiesOnlyThePathToAChangedString() {
      JsonNode message =
          Json.parse(
              """
              {"id":1,"params":{"untouched":{"deep":["a","b"]},
               "arguments":{"headers":{"Authorization":"Basic dXNlcjpwYXNz"},"q":"oslo"},
               "list":["x","tok-9f8e7d6c",{"k":"v"}]}}
              """);
      String before = Json.compact(message);

      JsonNode redacted = REDACTOR.redact(message);

      assertThat(Json.compact(message)).isEqualTo(before);
      assertThat(redacted).isNotSameAs(message);
      assertThat(redacted.at("/params/arguments/headers/Authorization").asString())
          .isEqualTo("${secret:AUTHORIZATION}");
      assertThat(redacted.at("/params/list/1").asString()).isEqualTo("${secret:API_TOKEN}");
      assertThat(redacted.at("/params/arguments")).isNotSameAs(message.at("/params/arguments"));
      assertThat(redacted.at("/params/list")).isNotSameAs(message.at("/params/list"));
      assertThat(redacted.at("/params/untouched")).isSameAs(message.at("/params/untouched"));
      assertThat(redacted.at("/params/arguments/q")).isSameAs(message.at("/params/arguments/q"));
      assertThat(redacted.at("/params/list/2")).isSameAs(message.at("/params/list/2"));
      assertThat(Json.compact(redacted))
          .isEqualTo(
              before
                  .replace("Basic dXNlcjpwYXNz", "${secret:AUTHORIZATION}")
                  .replace("tok-9f8e7d6c", "${secret:API_TOKEN}"));
    }
  }

  @Nested
  class ManySecrets {

    @Test
    void aMessageWithManySecretsHasNoneLeftAndRestoresExactly() {
      Map<String, String> environment = new LinkedHashMap<>();
      for (int i = 0; i < 200; i++) {
        environment.put("SECRET_" + i, "value-" + Integer.toHexString(0x5eed0000 + i * 7919) + "z");
      }
      Redactor redactor = Redactor.defaults().withEnvironment(environment);
      ObjectNode message = Json.mapper().createObjectNode().put("jsonrpc", "2.0").put("id", 1);
      ObjectNode arguments = message.putObject("params").putObject("arguments");
      StringBuilder prose = new StringBuilder();
      environment.forEach(
          (name, value) -> {
            arguments.put(name.toLowerCase(java.util.Locale.ROOT), "<" + value + ">");
            prose.append(value).append(' ');
          });
      arguments.put("all", prose.toString());
      arguments.putArray("tokens").add("ghp_" + "A1b2".repeat(9)).add("Bearer zz9-plural-z-alpha");

      JsonNode redacted = redactor.redact(message);

      String text = Json.compact(redacted);
      environment.values().forEach(value -> assertThat(text).doesNotContain(value));
      assertThat(text).doesNotContain("A1b2A1b2").doesNotContain("zz9-plural");
      assertThat(redacted.at("/params/arguments/secret_42").asString())
          .isEqualTo("<${secret:SECRET_42}>");
      assertThat(redacted.at("/params/arguments/tokens").toString())
          .isEqualTo("[\"${secret:GITHUB_TOKEN}\",\"Bearer ${secret:BEARER_TOKEN}\"]");
      Map<String, String> secrets = new LinkedHashMap<>(environment);
      secrets.put("GITHUB_TOKEN", "ghp_" + "A1b2".repeat(9));
      secrets.put("BEARER_TOKEN", "zz9-plural-z-alpha");
      assertThat(Redactor.restore(redacted, secrets)).isEqualTo(message);
    }
  }

  @Nested
  class SkippingRules {

    /** Pieces that trip, or nearly trip, each rule; random texts of them must redact alike. */
    private static final List<String> PIECES =
        List.of(
            "tok-9f8e7d6c",
            "pa55-w0rd!",
            "tok-9f8e",
            "password",
            "pass",
            "-word",
            "x_api_key",
            "Authorization",
            "progressToken",
            ": ",
            "=",
            "\"",
            "'",
            " ",
            "\t",
            ",",
            "&",
            "${",
            "}",
            "${secret:OLD}",
            "${json-unit.ignore}",
            "Bearer ",
            "BEARER ",
            "abc123def",
            "sk-",
            "proj-",
            "AbCdEf0123456789xyz",
            "ghp_",
            "github_pat_",
            "0123456789abcdefghijABCDEFGHIJ",
            "xoxb-",
            "1234567890-abcdefghij",
            "AKIA",
            "IOSFODNN7EXAMPLE",
            "AIza",
            "eyJ",
            "hbGciOiJIUzI1",
            ".",
            "é",
            "\u212A",
            "token",
            "Basic dXNlcjpwYXNz",
            "https://",
            "://",
            "bob:hunter2@",
            "@",
            "-----BEGIN ",
            "RSA ",
            "PRIVATE KEY-----",
            "-----END ",
            "\n",
            "config: ");

    @Test
    void givesWhatRunningEveryRuleGives() {
      Redactor custom = REDACTOR.withPattern("PIN", Pattern.compile("pin (\\d{4})"));
      Random random = new Random(20261125L);
      List<String> mismatches = new ArrayList<>();
      for (int round = 0; round < 4_000; round++) {
        StringBuilder text = new StringBuilder();
        int pieces = 1 + random.nextInt(12);
        for (int i = 0; i < pieces; i++) {
          text.append(PIECES.get(random.nextInt(PIECES.size())));
        }
        String input = text.toString();
        for (Redactor redactor : List.of(REDACTOR, custom, Redactor.none().withField("word"))) {
          String expected = redactor.redactByEveryRule(input);
          if (!redactor.redact(input).equals(expected)) {
            mismatches.add(input + " -> " + redactor.redact(input) + " but " + expected);
          }
        }
      }

      assertThat(mismatches).isEmpty();
    }

    @Test
    void stillFindsSecretsWhoseTriggerIsFarFromTheStart() {
      String text = "x".repeat(10_000) + " password=hunter2 and ghp_" + "a1".repeat(18);

      assertThat(REDACTOR.redact(text))
          .endsWith(" password=${secret:PASSWORD} and ${secret:GITHUB_TOKEN}");
    }
  }
}
