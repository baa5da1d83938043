package dev.cassette.proxy.redact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cassette.proxy.jsonrpc.Json;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

class RedactorTest {

  private static String randomSecret() {
    byte[] bytes = new byte[20];
    new SecureRandom().nextBytes(bytes);
    return "canary-" + HexFormat.of().formatHex(bytes);
  }

  @Nested
  class Canary {

    @Test
    void aSecretFromTheEnvironmentAppearsNowhereAndRestoresExactly() {
      String secret = randomSecret();
      Map<String, String> environment = Map.of("WEATHER_API_KEY", secret, "HOME", "/home/user");
      JsonNode message =
          Json.parse(
              """
              {"jsonrpc": "2.0", "id": 3, "method": "tools/call",
               "params": {"name": "fetch",
                "arguments": {"url": "https://api.example.com/v1?key=%s&q=oslo",
                 "headers": {"Authorization": "Bearer %s", "Accept": "application/json"},
                 "notes": ["first %s then %s", {"deep": {"deeper": "x%sx"}}],
                 "count": 12345678901234567890, "ratio": 1.10}}}
              """
                  .formatted(secret, secret, secret, secret, secret));

      JsonNode redacted = Redactor.defaults().withEnvironment(environment).redact(message);

      String text = Json.compact(redacted);
      assertThat(text).doesNotContain(secret).doesNotContain(secret.substring(7));
      assertThat(redacted.at("/params/arguments/url").asString())
          .isEqualTo("https://api.example.com/v1?key=${secret:WEATHER_API_KEY}&q=oslo");
      assertThat(redacted.at("/params/arguments/headers/Authorization").asString())
          .isEqualTo("Bearer ${secret:WEATHER_API_KEY}");
      assertThat(redacted.at("/params/arguments/notes/1/deep/deeper").asString())
          .isEqualTo("x${secret:WEATHER_API_KEY}x");
      assertThat(Redactor.restore(redacted, environment)).isEqualTo(message);
    }

    @Test
    void aSecretInRawTextAppearsNowhereAndRestoresExactly() {
      String secret = randomSecret();
      String line = "401 from upstream: token " + secret + " rejected (" + secret + ")";

      String redacted = Redactor.none().withSecret("TOKEN", secret).redact(line);

      assertThat(redacted)
          .doesNotContain(secret)
          .isEqualTo("401 from upstream: token ${secret:TOKEN} rejected (${secret:TOKEN})");
      assertThat(Redactor.restore(redacted, Map.of("TOKEN", secret))).isEqualTo(line);
    }
  }

  @Nested
  class Secrets {

    @Test
    void keepsKeysKeyOrderAndNonStringValues() {
      JsonNode message =
          Json.parse("{\"z\":\"s3cr3t-value\",\"a\":[1,2.50,true,null,\"s3cr3t-value\"],\"m\":{}}");

      JsonNode redacted = Redactor.none().withSecret("S", "s3cr3t-value").redact(message);

      assertThat(Json.compact(redacted))
          .isEqualTo("{\"z\":\"${secret:S}\",\"a\":[1,2.50,true,null,\"${secret:S}\"],\"m\":{}}");
      assertThat(Json.compact(message)).contains("s3cr3t-value");
    }

    @Test
    void ignoresShortBlankAndNullValues() {
      Redactor redactor =
          Redactor.none()
              .withSecret("A", "a")
              .withSecret("B", "   ")
              .withSecret("C", null)
              .withSecret("D", "abc");

      assertThat(redactor.redact("a banana abc")).isEqualTo("a banana abc");
      assertThat(redactor.withSecret("E", "abcd").redact("abcde")).isEqualTo("${secret:E}e");
    }

    @Test
    void replacesTheLongestOverlappingSecretFirst() {
      Redactor redactor =
          Redactor.none().withSecret("SHORT", "hunter").withSecret("LONG", "hunter2-extended");

      assertThat(redactor.redact("hunter2-extended and hunter"))
          .isEqualTo("${secret:LONG} and ${secret:SHORT}");
    }

    @Test
    void neverRedactsInsideAnInsertedPlaceholder() {
      Redactor redactor =
          Redactor.none().withSecret("LONGNAME", "abcdef-123").withSecret("X", "secret");

      assertThat(redactor.redact("abcdef-123 secret")).isEqualTo("${secret:LONGNAME} ${secret:X}");
    }

    @Test
    void environmentNamesDoNotDependOnMapOrder() {
      Redactor redactor =
          Redactor.none().withEnvironment(Map.of("B_KEY", "same-value", "A_KEY", "same-value"));

      assertThat(redactor.redact("same-value")).isEqualTo("${secret:A_KEY}");
    }

    @Test
    void rejectsNamesThatWouldBreakThePlaceholder() {
      assertThatThrownBy(() -> Redactor.none().withSecret("MY KEY", "value-1234"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "name must be non-empty without whitespace, '{', '}' or '$' but was \"MY KEY\"");
      assertThatThrownBy(() -> Redactor.none().withField(" "))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("fieldName must not be blank but was \" \"");
    }
  }

  @Nested
  class Fields {

    @ParameterizedTest(name = "{0}")
    @CsvSource(
        delimiter = '|',
        textBlock =
            """
            Authorization | Basic dXNlcjpwYXNz   | ${secret:AUTHORIZATION}
            cookie        | session=abc; theme=1 | ${secret:COOKIE}
            X-API-Key     | k-1                  | ${secret:X_API_KEY}
            api_key       | k-1                  | ${secret:API_KEY}
            token         | t                    | ${secret:TOKEN}
            password      | hunter2              | ${secret:PASSWORD}
            client_secret | cs                   | ${secret:CLIENT_SECRET}
            progressToken | abc-123              | abc-123
            nextCursor    | abc-123              | abc-123
            password      | ${json-unit.any-string} | ${json-unit.any-string}
            """)
    void replacesStringValuesOfSensitiveFields(String field, String value, String expected) {
      JsonNode node = Json.mapper().createObjectNode().put(field, value).put("other", value);

      JsonNode redacted = Redactor.defaults().redact(node);

      assertThat(redacted.get(field).asString()).isEqualTo(expected);
      assertThat(redacted.get("other").asString()).isEqualTo(value);
    }

    @Test
    void keepsTheTokenPlaceholderWhenAnotherRuleRecognisedIt() {
      JsonNode node = Json.parse("{\"Authorization\": \"Bearer ghp_" + "a1".repeat(18) + "\"}");

      assertThat(Redactor.defaults().redact(node).get("Authorization").asString())
          .isEqualTo("Bearer ${secret:GITHUB_TOKEN}");
    }

    @Test
    void leavesNumbersAndEmptyValuesOfSensitiveFields() {
      JsonNode node = Json.parse("{\"token\": 42, \"password\": \"\", \"secret\": [\"a-b-c-d\"]}");

      assertThat(Json.compact(Redactor.defaults().redact(node)))
          .isEqualTo("{\"token\":42,\"password\":\"\",\"secret\":[\"${secret:SECRET}\"]}");
    }

    @Test
    void addsFields() {
      JsonNode node = Json.parse("{\"X-Session-Key\": \"v\"}");

      assertThat(
              Redactor.none()
                  .withField("x_session_key")
                  .redact(node)
                  .get("X-Session-Key")
                  .asString())
          .isEqualTo("${secret:X_SESSION_KEY}");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
        delimiter = '|',
        quoteCharacter = '`',
        textBlock =
            """
            header line       | Authorization: Basic dXNlcjpwYXNz        | Authorization: Basic ${secret:AUTHORIZATION}
            query parameter   | GET /cb?code=1&access_token=abc.def&x=1  | GET /cb?code=1&access_token=${secret:ACCESS_TOKEN}&x=1
            json in text      | `{"password": "hunter2", "user": "bob"}` | `{"password": "${secret:PASSWORD}", "user": "bob"}`
            not a field       | progress_token: 7, nextToken=abc         | progress_token: 7, nextToken=abc
            """)
    void redactsFieldAssignmentsInText(String description, String text, String expected) {
      assertThat(Redactor.defaults().redact(text)).as(description).isEqualTo(expected);
    }
  }

  @Nested
  class Patterns {

    @ParameterizedTest(name = "{0}")
    @CsvSource(
        delimiter = '|',
        textBlock =
            """
            bearer      | sent Bearer eyJ0eXAi0iJKV1Q.x-y_z to it  | sent Bearer ${secret:BEARER_TOKEN} to it
            openai      | key sk-proj-AbCdEf0123456789xyz here    | key ${secret:API_KEY} here
            github      | ghp_0123456789abcdefghijABCDEFGHIJ012345 | ${secret:GITHUB_TOKEN}
            slack       | xoxb-1234567890-abcdefghij               | ${secret:SLACK_TOKEN}
            aws         | id=AKIAIOSFODNN7EXAMPLE;                 | id=${secret:AWS_ACCESS_KEY_ID};
            prose       | the bearer tokens are sk-short           | the bearer tokens are sk-short
            assignment  | login with passwd: hunter22 now          | login with passwd: ${secret:PASSWD} now
            path        | cannot open /etc/passwd: permission denied | cannot open /etc/passwd: permission denied
            winpath     | cannot open C:\\keys\\token: access denied | cannot open C:\\keys\\token: access denied
            property    | db.password=hunter22 in the log          | db.password=${secret:PASSWORD} in the log
            """)
    void defaultsRecogniseCommonTokenShapes(String description, String text, String expected) {
      assertThat(Redactor.defaults().redact(text)).as(description).isEqualTo(expected);
    }

    @Test
    void usesGroupOneWhenPresentElseTheWholeMatch() {
      Redactor redactor =
          Redactor.none()
              .withPattern("PIN", Pattern.compile("pin (\\d{4})"))
              .withPattern("CARD", Pattern.compile("\\d{4}-\\d{4}-\\d{4}-\\d{4}"));

      assertThat(redactor.redact("pin 1234, card 1111-2222-3333-4444"))
          .isEqualTo("pin ${secret:PIN}, card ${secret:CARD}");
    }

    @Test
    void leavesPlaceholdersAlone() {
      Redactor redactor = Redactor.none().withPattern("ANY", Pattern.compile("[A-Z_]{3,}"));

      assertThat(redactor.redact("${secret:OTHER} ${json-unit.any-string} ABC"))
          .isEqualTo("${secret:OTHER} ${json-unit.any-string} ${secret:ANY}");
    }
  }

  @Nested
  class Restore {

    @Test
    void leavesUnknownPlaceholdersAndOtherValues() {
      JsonNode node =
          Json.parse(
              "{\"a\":\"${secret:KNOWN}-${secret:UNKNOWN}\",\"b\":1.10,\"c\":\"${json-unit.ignore}\"}");

      JsonNode restored = Redactor.restore(node, Map.of("KNOWN", "v$1\\x"));

      assertThat(Json.compact(restored))
          .isEqualTo(
              "{\"a\":\"v$1\\\\x-${secret:UNKNOWN}\",\"b\":1.10,\"c\":\"${json-unit.ignore}\"}");
    }
  }
}
