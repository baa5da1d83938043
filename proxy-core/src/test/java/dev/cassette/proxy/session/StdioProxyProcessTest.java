package dev.cassette.proxy.session;

import static dev.cassette.proxy.transport.TestServers.quickOptions;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cassette.proxy.transport.ChildProcess;
import dev.cassette.proxy.transport.ServerConnection;
import dev.cassette.proxy.transport.ServerConnections;
import dev.cassette.proxy.transport.TestServers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The pump as a real stdio proxy process: {@link RelayMain} on its own stdin and stdout. */
@Timeout(60)
class StdioProxyProcessTest {

  private static final Duration WAIT = Duration.ofSeconds(20);

  @Test
  void relaysOverItsOwnStdioAndKeepsStrayPrintsOffStdout() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command =
        List.of(
            java, "-cp", System.getProperty("java.class.path"), RelayMain.class.getName(), "cat");
    ChildProcess proxy = ChildProcess.start(command, Map.of(), null, quickOptions());
    ServerConnection connection = ServerConnections.connect(proxy, quickOptions());
    String line =
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":{\"s\":\"é𝄞\\r\"}}";
    connection.send(line.getBytes(StandardCharsets.UTF_8));
    assertThat(new String(connection.receive(WAIT), StandardCharsets.UTF_8)).isEqualTo(line);
    Awaitility.await().atMost(WAIT).until(() -> proxy.diagnosticsTail().contains("relay started"));
    List<ProcessHandle> tree = TestServers.treeOf(proxy.handle());
    assertThat(tree).hasSizeGreaterThanOrEqualTo(2); // the proxy and its cat

    proxy.closeInput();
    assertThat(proxy.awaitExit(WAIT)).isTrue();
    assertThat(proxy.exitDescription()).isEqualTo("exited with status 0");
    connection.close();
    TestServers.assertAllGone(tree);
  }

  @Test
  void reportsWhyTheSessionEndedOnItsStderrAndClosesItsStdout() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command =
        List.of(
            java,
            "-cp",
            System.getProperty("java.class.path"),
            RelayMain.class.getName(),
            "sh",
            "-c",
            "echo boom >&2; exit 3");
    // A JVM may take a while to exit on a loaded machine: wait for its status long enough.
    var patient = quickOptions().withShutdownGrace(WAIT);
    ChildProcess proxy = ChildProcess.start(command, Map.of(), null, patient);
    try (ServerConnection connection = ServerConnections.connect(proxy, patient)) {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> connection.receive(WAIT))
          .isInstanceOf(dev.cassette.proxy.transport.ServerClosedException.class)
          .hasMessageContaining("server 'java' exited with status 0")
          .hasMessageContaining(
              "cassette: session ended: server 'sh' exited with status 3\n"
                  + "--- server stderr (tail) ---\nboom");
    }
  }
}
