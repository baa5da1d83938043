package dev.cassette.proxy.transport;

import dev.cassette.proxy.jsonrpc.Json;
import dev.cassette.proxy.tape.ServerSpec;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import tools.jackson.databind.node.ObjectNode;

/** Real servers the transport tests start, and checks that none is left behind. */
public final class TestServers {

  private TestServers() {}

  /** The command that starts server-everything over stdio. */
  public static List<String> everything() {
    return TestPeers.everythingCommand();
  }

  /** A {@code sh -c} command line. */
  public static List<String> sh(String script) {
    return List.of("sh", "-c", script);
  }

  /** Options for tests: a short grace period and receive timeout. */
  /** An {@code embedded} server spec with the given {@code embedded} block. */
  public static ServerSpec embedded(String json) {
    return new ServerSpec(
        ServerSpec.EMBEDDED,
        List.of(),
        null,
        (ObjectNode) Json.parse(json),
        null,
        null,
        null,
        null,
        null);
  }

  public static TransportOptions quickOptions() {
    return TransportOptions.defaults()
        .withShutdownGrace(Duration.ofMillis(500))
        .withReceiveTimeout(Duration.ofSeconds(10));
  }

  /** Waits (bounded) until the process and all the given descendants are gone. */
  public static void assertAllGone(List<ProcessHandle> handles) {
    Awaitility.await("processes " + handles.stream().map(ProcessHandle::pid).toList() + " gone")
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(20))
        .until(() -> handles.stream().noneMatch(ProcessHandle::isAlive));
  }

  /** The process and its current descendants. */
  public static List<ProcessHandle> treeOf(ProcessHandle root) {
    return java.util.stream.Stream.concat(java.util.stream.Stream.of(root), root.descendants())
        .toList();
  }
}
