package dev.cassette.proxy.transport;

import static dev.cassette.proxy.transport.TestServers.quickOptions;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class ShutdownHookTest {

  @Test
  void childrenLeftRunningAreKilledWhenTheJvmExits() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ChildProcess jvm =
        ChildProcess.start(
            List.of(
                java, "-cp", System.getProperty("java.class.path"), AbandoningMain.class.getName()),
            Map.of(),
            null,
            quickOptions());
    try (ServerConnection connection = ServerConnections.connect(jvm, quickOptions())) {
      String[] pids =
          new String(connection.receive(Duration.ofSeconds(20)), StandardCharsets.UTF_8).split(" ");
      ProcessHandle child = ProcessHandle.of(Long.parseLong(pids[0])).orElseThrow();
      ProcessHandle second = ProcessHandle.of(Long.parseLong(pids[1])).orElseThrow();
      Awaitility.await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> child.descendants().count() == 1);
      List<ProcessHandle> all = new ArrayList<>(TestServers.treeOf(child));
      all.add(second);
      assertThat(all).hasSize(3).allMatch(ProcessHandle::isAlive);

      connection.send("go".getBytes(StandardCharsets.UTF_8));
      assertThat(jvm.awaitExit(Duration.ofSeconds(20))).isTrue();
      TestServers.assertAllGone(all);
    }
  }
}
