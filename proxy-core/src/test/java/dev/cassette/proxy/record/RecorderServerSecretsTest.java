package dev.cassette.proxy.record;

import static dev.cassette.proxy.session.SessionListener.Direction.CLIENT_TO_SERVER;
import static dev.cassette.proxy.session.SessionListener.Direction.SERVER_TO_CLIENT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cassette.proxy.jsonrpc.Json;
import dev.cassette.proxy.redact.Redactor;
import dev.cassette.proxy.session.SessionListener.Direction;
import dev.cassette.proxy.tape.ServerSpec;
import dev.cassette.proxy.tape.TapeCodec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ObjectNode;

/**
 * A server that echoes the secrets of its command line, of its inherited environment and of common
 * shapes: none reaches the journal or the tape, each as a named placeholder.
 */
class RecorderServerSecretsTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final String API_KEY = "cmdline-api-key-7f3a";
  private static final String PASSWORD = "cmdline-pw-91c2";
  private static final String DB_PASSWORD = "inherited db password";
  private static final String AWS_SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
  private static final String GH_TOKEN = "plain-words-not-a-token";
  private static final String AFTER_KEY = "hunter2-after-key";
  private static final String URL_PASSWORD = "url-pass-4d5e";
  private static final String PEM_BODY =
      "MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun\n"
          + "VTLw7onLRnrq0/IzW7yWR7QkrmBL7jTKEn5u+qKhbwKfBstIs+bMY2Zkp18gnTxK";
  private static final List<String> SECRETS =
      List.of(
          API_KEY, PASSWORD, DB_PASSWORD, AWS_SECRET, GH_TOKEN, AFTER_KEY, URL_PASSWORD, "MIIEow");

  @TempDir Path dir;

  @Test
  void noSecretOfTheServerReachesTheJournalOrTheTape() throws Exception {
    Path tape = dir.resolve("server-secrets.tape.json");
    ServerSpec server =
        ServerSpec.stdio(
            List.of("node", "server.js", "--api-key=" + API_KEY, "--password", PASSWORD, "-v"));
    Redactor redactor =
        Redactor.defaults()
            .withInheritedEnvironment(
                Map.of(
                    "DB_PASSWORD", DB_PASSWORD,
                    "AWS_SECRET_ACCESS_KEY", AWS_SECRET,
                    "MY_GH_TOKEN", GH_TOKEN,
                    "HOME", "/home/recorder"));
    Recorder recorder =
        Recorder.start(
            new RecorderOptions(tape, "server-secrets", List.of(), server, dir, status -> {}),
            redactor);
    String echoed =
        String.join(
            " | ",
            "args --api-key=" + API_KEY + " --password " + PASSWORD,
            "env " + DB_PASSWORD + " " + AWS_SECRET + " " + GH_TOKEN,
            "config: password=" + AFTER_KEY,
            "remote https://deploy:" + URL_PASSWORD + "@git.example.com/repo.git",
            "-----BEGIN RSA PRIVATE KEY-----\n" + PEM_BODY + "\n-----END RSA PRIVATE KEY-----");
    line(recorder, CLIENT_TO_SERVER, call(echoed));
    line(recorder, SERVER_TO_CLIENT, result(echoed));
    line(recorder, SERVER_TO_CLIENT, "not json: " + echoed.replace("\n", "\\n"));

    String journal = written(Recorder.journalOf(tape));
    recorder.finish(TIMEOUT);
    String tapeText = Files.readString(tape, StandardCharsets.UTF_8);

    for (String written : List.of(journal, tapeText)) {
      for (String secret : SECRETS) {
        assertThat(written).doesNotContain(secret);
      }
      assertThat(written)
          .contains("--api-key=${secret:API_KEY}")
          .contains("--password ${secret:PASSWORD}")
          .contains("${secret:DB_PASSWORD}")
          .contains("${secret:AWS_SECRET_ACCESS_KEY}")
          .contains("${secret:MY_GH_TOKEN}")
          .contains("config: password=${secret:PASSWORD}")
          .contains("https://deploy:${secret:URL_PASSWORD}@git.example.com")
          .contains("-----BEGIN RSA PRIVATE KEY-----${secret:PRIVATE_KEY}-----END");
    }
    assertThat(journal.lines().findFirst().orElseThrow())
        .contains("\"--api-key=${secret:API_KEY}\",\"--password\",\"${secret:PASSWORD}\",\"-v\"");
    assertThat(TapeCodec.read(tape).server().command())
        .containsExactly(
            "node",
            "server.js",
            "--api-key=${secret:API_KEY}",
            "--password",
            "${secret:PASSWORD}",
            "-v");
  }

  /** The journal's content, without the zero bytes of its mapped region. */
  private static String written(Path journal) throws java.io.IOException {
    String text = Files.readString(journal, StandardCharsets.UTF_8);
    int end = text.indexOf('\0');
    return end < 0 ? text : text.substring(0, end);
  }

  private static String call(String message) {
    ObjectNode node = Json.mapper().createObjectNode().put("jsonrpc", "2.0").put("id", 1);
    node.put("method", "tools/call");
    node.putObject("params").put("name", "echo").putObject("arguments").put("message", message);
    return Json.compact(node);
  }

  private static String result(String message) {
    ObjectNode node = Json.mapper().createObjectNode().put("jsonrpc", "2.0").put("id", 1);
    node.putObject("result")
        .putArray("content")
        .addObject()
        .put("type", "text")
        .put("text", "Echo: " + message);
    return Json.compact(node);
  }

  private static void line(Recorder recorder, Direction direction, String text) {
    recorder.onLine(direction, text.getBytes(StandardCharsets.UTF_8), System.nanoTime());
  }
}
