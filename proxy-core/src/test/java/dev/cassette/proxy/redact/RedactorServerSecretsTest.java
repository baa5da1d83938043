package dev.cassette.proxy.redact;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Secrets a server gets from its command line and its inherited environment, and secret shapes in
 * text: an assignment after another key, URL user-info and PEM private keys.
 */
class RedactorServerSecretsTest {

  private static final String PEM_BODY =
      "\nMIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun\n"
          + "VTLw7onLRnrq0/IzW7yWR7QkrmBL7jTKEn5u+qKhbwKfBstIs+bMY2Zkp18gnTxK\n";

  @Nested
  class Text {

    @ParameterizedTest(name = "{0}")
    @CsvSource(
        delimiter = '|',
        quoteCharacter = '`',
        textBlock =
            """
            after another key  | config: password=hunter22 here         | config: password=${secret:PASSWORD} here
            no blank           | db:password=hunter22                   | db:password=${secret:PASSWORD}
            quoted value       | `"note": "secret=hunter22"`            | `"note": "secret=${secret:SECRET}"`
            url user-info      | clone https://bob:hunter22@git.example.com/r | clone https://bob:${secret:URL_PASSWORD}@git.example.com/r
            url without user   | redis://:hunter22@cache:6379/0         | redis://:${secret:URL_PASSWORD}@cache:6379/0
            url without secret | see https://bob@example.com/a?b=c:d    | see https://bob@example.com/a?b=c:d
            plain url          | see https://example.com:8443/x?y=1     | see https://example.com:8443/x?y=1
            """)
    void redactsSecretsInText(String description, String text, String expected) {
      assertThat(Redactor.defaults().redact(text)).as(description).isEqualTo(expected);
    }

    @Test
    void urlsWithoutAPasswordAreLeftWithoutRunningThePattern() {
      Redactor redactor = Redactor.defaults();

      assertThat(redactor.mayChange("demo://resource/1 https://bob@example.com:8443/x?a=b:c@d"))
          .isFalse();
      assertThat(redactor.mayChange("see https://bob:pw@example.com")).isTrue();
    }

    @Test
    void replacesTheBodyOfPemPrivateKeys() {
      for (String kind : List.of("", "RSA ", "EC ", "OPENSSH ", "ENCRYPTED ")) {
        String pem =
            "key: -----BEGIN "
                + kind
                + "PRIVATE KEY-----"
                + PEM_BODY
                + "-----END "
                + kind
                + "PRIVATE KEY-----\nrest";

        assertThat(Redactor.defaults().redact(pem))
            .as(kind)
            .isEqualTo(
                "key: -----BEGIN "
                    + kind
                    + "PRIVATE KEY-----${secret:PRIVATE_KEY}-----END "
                    + kind
                    + "PRIVATE KEY-----\nrest");
      }
    }

    @Test
    void replacesTheWholeBodyOfAPrivateKeyInASensitiveFieldOfJsonText() {
      String json =
          "{\"private_key\": \"-----BEGIN PRIVATE KEY-----"
              + PEM_BODY.replace("\n", "\\n")
              + "-----END PRIVATE KEY-----\\n\", \"client_email\": \"a@b.iam\"}";

      assertThat(Redactor.defaults().redact(json))
          .isEqualTo(
              "{\"private_key\": \"-----BEGIN PRIVATE KEY-----${secret:PRIVATE_KEY}"
                  + "-----END PRIVATE KEY-----\\n\", \"client_email\": \"a@b.iam\"}");
    }

    @Test
    void replacesAPrivateKeyCutOffBeforeItsEnd() {
      String cut = "-----BEGIN PRIVATE KEY-----" + PEM_BODY;

      assertThat(Redactor.defaults().redact(cut))
          .isEqualTo("-----BEGIN PRIVATE KEY-----${secret:PRIVATE_KEY}");
    }

    @Test
    void leavesCertificatesAndPublicKeys() {
      String certificate =
          "-----BEGIN CERTIFICATE-----"
              + PEM_BODY
              + "-----END CERTIFICATE-----\n"
              + "-----BEGIN PUBLIC KEY-----"
              + PEM_BODY
              + "-----END PUBLIC KEY-----";

      assertThat(Redactor.defaults().redact(certificate)).isSameAs(certificate);
    }
  }

  @Nested
  class CommandLine {

    private static final List<String> COMMAND =
        List.of(
            "server",
            "--api-key=abc123xyz",
            "--password",
            "pw",
            "--port",
            "8080",
            "-p",
            "hunter22",
            "--token",
            "t0k3n-value",
            "-client_secret=s3cr3t-v",
            "--no-token",
            "stdio",
            "--max-tokens",
            "100",
            "--secret",
            "--verbose",
            "--auth=");

    @Test
    void replacesTheValuesOfSensitiveOptions() {
      assertThat(Redactor.defaults().redactCommand(COMMAND))
          .containsExactly(
              "server",
              "--api-key=${secret:API_KEY}",
              "--password",
              "${secret:PASSWORD}",
              "--port",
              "8080",
              "-p",
              "hunter22",
              "--token",
              "${secret:TOKEN}",
              "-client_secret=${secret:CLIENT_SECRET}",
              "--no-token",
              "stdio",
              "--max-tokens",
              "100",
              "--secret",
              "--verbose",
              "--auth=");
    }

    @Test
    void knowsTheValuesAsSecretsElsewhere() {
      Redactor redactor = Redactor.defaults().withCommandLine(COMMAND);

      assertThat(redactor.redact("key abc123xyz, token t0k3n-value, pin pw, s3cr3t-v"))
          .isEqualTo(
              "key ${secret:API_KEY}, token ${secret:TOKEN}, pin pw, ${secret:CLIENT_SECRET}");
    }

    @Test
    void namesAValueAfterTheVariableThatAlreadyHoldsIt() {
      Redactor redactor =
          Redactor.defaults()
              .withEnvironment(Map.of("SERVICE_KEY", "abc123xyz"))
              .withCommandLine(COMMAND);

      assertThat(redactor.redactCommand(List.of("server", "--api-key", "abc123xyz")))
          .containsExactly("server", "--api-key", "${secret:SERVICE_KEY}");
    }

    @Test
    void leavesPlaceholdersAndRedactsOtherArguments() {
      List<String> command =
          List.of("--token=${secret:TOKEN}", "--url", "https://bob:hunter22@example.com");

      assertThat(Redactor.defaults().redactCommand(command))
          .containsExactly(
              "--token=${secret:TOKEN}", "--url", "https://bob:${secret:URL_PASSWORD}@example.com");
    }
  }

  @Nested
  class InheritedEnvironment {

    private static final Map<String, String> ENVIRONMENT =
        Map.of(
            "DB_PASSWORD", "correct horse",
            "AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG",
            "MY_GH_TOKEN", "not-shaped-like-a-token",
            "NPM_AUTH", "npm-auth-value",
            "SHORT_TOKEN", "abc12",
            "HOME", "/home/someone",
            "GIT_AUTHOR_NAME", "Jane Doe Author",
            "PWD", "/work/somewhere");

    @Test
    void treatsValuesOfSensitiveNamesAsSecrets() {
      Redactor redactor = Redactor.defaults().withInheritedEnvironment(ENVIRONMENT);

      assertThat(
              redactor.redact(
                  "correct horse|wJalrXUtnFEMI/K7MDENG|not-shaped-like-a-token|npm-auth-value"))
          .isEqualTo(
              "${secret:DB_PASSWORD}|${secret:AWS_SECRET_ACCESS_KEY}|${secret:MY_GH_TOKEN}"
                  + "|${secret:NPM_AUTH}");
    }

    @Test
    void leavesShortValuesAndOtherVariables() {
      Redactor redactor = Redactor.defaults().withInheritedEnvironment(ENVIRONMENT);
      String text = "abc12 /home/someone Jane Doe Author /work/somewhere";

      assertThat(redactor.redact(text)).isSameAs(text);
    }

    @Test
    void sensitiveNamesFollowTheDocumentedList() {
      assertThat(
              List.of(
                  "PASSWORD",
                  "db_passwd",
                  "GPG_PASSPHRASE",
                  "CLIENT_SECRET",
                  "SLACK_TOKEN",
                  "OPENAI_APIKEY",
                  "X_API_KEY",
                  "AWS_ACCESS_KEY_ID",
                  "SSH_PRIVATE_KEY",
                  "GOOGLE_CREDENTIALS",
                  "AUTH",
                  "BASIC_AUTH_HEADER"))
          .allMatch(SensitiveVariables::isSensitive);
      assertThat(
              List.of(
                  "HOME", "PATH", "PWD", "GIT_AUTHOR_NAME", "OAUTHLIB_DEBUG", "KEYBOARD", "LANG"))
          .noneMatch(SensitiveVariables::isSensitive);
    }
  }
}
