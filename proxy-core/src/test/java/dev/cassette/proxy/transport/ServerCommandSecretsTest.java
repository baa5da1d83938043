package dev.cassette.proxy.transport;

import static dev.cassette.proxy.transport.TestServers.quickOptions;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cassette.proxy.jsonrpc.JsonRpcMessage;
import dev.cassette.proxy.tape.ServerSpec;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A recorded command line's {@code ${secret:NAME}} placeholders are filled in when it starts. */
@Timeout(60)
class ServerCommandSecretsTest {

  @Test
  void aStartedCommandGetsItsSecretsBackFromItsEnvironment() throws IOException {
    List<String> command =
        List.of(
            "sh",
            "-c",
            "printf '{\"jsonrpc\":\"2.0\",\"method\":\"args\",\"params\":"
                + "{\"a\":\"%s\",\"b\":\"%s\",\"c\":\"%s\"}}\\n' \"$1\" \"$2\" \"$3\";"
                + " cat >/dev/null",
            "sh",
            "--api-key=${secret:SERVER_KEY}",
            "${secret:PATH}",
            "${secret:CASSETTE_UNSET_VARIABLE}");
    try (ServerConnection server =
        ServerConnections.open(
            ServerSpec.stdio(command), Map.of("SERVER_KEY", "k-0123456789"), quickOptions())) {
      JsonRpcMessage message = server.receiveMessage(Duration.ofSeconds(10));

      assertThat(message).isInstanceOf(JsonRpcMessage.Notification.class);
      var params = ((JsonRpcMessage.Notification) message).params();
      assertThat(params.get("a").asString()).isEqualTo("--api-key=k-0123456789");
      assertThat(params.get("b").asString())
          .as("a variable the server inherits")
          .isEqualTo(System.getenv("PATH"));
      assertThat(params.get("c").asString())
          .as("an unknown placeholder stays as it is")
          .isEqualTo("${secret:CASSETTE_UNSET_VARIABLE}");
    }
  }
}
