package dev.cassette.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cassette.proxy.record.Recorder;
import dev.cassette.proxy.tape.TapeCodec;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The secrets a server gets without {@code --env}: options of its command line and the variables
 * with sensitive names it inherits from the recorder; and secret shapes it echoes.
 */
class RecordServerSecretsTest {

  @TempDir Path dir;

  @Test
  void noSecretOfTheServersCommandLineOrInheritedEnvironmentIsWritten() throws Exception {
    String unique = UUID.randomUUID().toString().substring(0, 8);
    String apiKey = "cli-api-key-" + unique;
    String password = "cli-password-" + unique;
    Map<String, String> inherited =
        Map.of(
            "DB_PASSWORD", "db password " + unique,
            "AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG/" + unique,
            "MY_GH_TOKEN", "plain-words-" + unique);
    String afterKey = "after-key-" + unique;
    String urlPassword = "url-pass-" + unique;
    String pemBody = "MIIEowIBAAKCAQEAu1SU1LfVLPH" + unique + "\nVTLw7onLRnrq0/IzW7yWR7Qk";
    Path tape = dir.resolve("server-secrets.tape.json");
    Path journal = Recorder.journalOf(tape);
    Queue<String> stderr = new ConcurrentLinkedQueue<>();
    McpSyncClient client =
        SdkSessions.client(
            recorded(tape, List.of("--api-key=" + apiKey, "--password", password), inherited),
            stderr,
            new ConcurrentLinkedQueue<>());
    String journalDuringSession;
    try {
      client.initialize();
      String env = firstText(call(client, "get-env", Map.of()));
      String echoed =
          String.join(
              " | ",
              "args " + apiKey + " " + password,
              String.join(" ", inherited.values()),
              "config: password=" + afterKey,
              "remote https://deploy:" + urlPassword + "@git.example.com/repo.git",
              "-----BEGIN PRIVATE KEY-----\n" + pemBody + "\n-----END PRIVATE KEY-----");
      String echo = firstText(call(client, "echo", Map.of("message", echoed)));
      assertThat(env).as("the server inherits them").contains(inherited.values());
      assertThat(echo).contains(apiKey, password, afterKey, urlPassword, pemBody);
      await().atMost(SdkSessions.TIMEOUT).until(() -> Journals.allAnswered(journal));
      journalDuringSession = Journals.written(journal);
    } finally {
      client.closeGracefully();
    }
    RecordSessionTest.awaitTape(tape, stderr);
    String tapeText = Files.readString(tape);

    List<String> secrets = new ArrayList<>(inherited.values());
    secrets.addAll(List.of(apiKey, password, afterKey, urlPassword, "MIIEowIBAAKCAQEAu1SU1LfVLPH"));
    for (String written : List.of(journalDuringSession, tapeText, String.join("\n", stderr))) {
      for (String secret : secrets) {
        assertThat(written).doesNotContain(secret);
      }
    }
    for (String written : List.of(journalDuringSession, tapeText)) {
      assertThat(written)
          .contains("${secret:DB_PASSWORD}")
          .contains("${secret:AWS_SECRET_ACCESS_KEY}")
          .contains("${secret:MY_GH_TOKEN}")
          .contains("args ${secret:API_KEY} ${secret:PASSWORD}")
          .contains("config: password=${secret:PASSWORD}")
          .contains("https://deploy:${secret:URL_PASSWORD}@git.example.com")
          .contains("-----BEGIN PRIVATE KEY-----${secret:PRIVATE_KEY}-----END PRIVATE KEY-----");
    }
    assertThat(TapeCodec.read(tape).server().command())
        .endsWith("stdio", "--api-key=${secret:API_KEY}", "--password", "${secret:PASSWORD}");
    assertThat(TapeCodec.read(tape).server().env()).isEmpty();
  }

  /** server-everything behind {@code cassette record}, with extra arguments it ignores. */
  private static ServerParameters recorded(
      Path tape, List<String> serverArguments, Map<String, String> environment) {
    List<String> arguments =
        new ArrayList<>(
            List.of(
                "record", "-o", tape.toString(), "--", "node", RecorderProcess.serverEverything()));
    arguments.add("stdio");
    arguments.addAll(serverArguments);
    List<String> command = RecorderProcess.cassette(arguments);
    return ServerParameters.builder(command.get(0))
        .args(command.subList(1, command.size()))
        .env(environment)
        .build();
  }

  private static McpSchema.CallToolResult call(
      McpSyncClient client, String tool, Map<String, Object> arguments) {
    return client.callTool(McpSchema.CallToolRequest.builder(tool).arguments(arguments).build());
  }

  private static String firstText(McpSchema.CallToolResult result) {
    return ((McpSchema.TextContent) result.content().get(0)).text();
  }
}
