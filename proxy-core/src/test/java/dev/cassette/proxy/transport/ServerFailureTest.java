package dev.cassette.proxy.transport;

import static dev.cassette.proxy.transport.TestServers.quickOptions;
import static dev.cassette.proxy.transport.TestServers.sh;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cassette.proxy.jsonrpc.MalformedMessageException;
import dev.cassette.proxy.tape.ServerSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class ServerFailureTest {

  private static final Duration WAIT = Duration.ofSeconds(10);

  @Test
  void commandNotFound() {
    assertThatThrownBy(
            () ->
                ServerConnections.open(
                    ServerSpec.stdio(List.of("no-such-cassette-server", "--token", "t0ps3cret")),
                    Map.of(),
                    quickOptions()))
        .isInstanceOf(IOException.class)
        .hasMessage("cannot start server: 'no-such-cassette-server': No such file or directory")
        .hasMessageNotContaining("t0ps3cret");
  }

  @Test
  void missingWorkingDirectory(@TempDir Path dir) {
    Path missing = dir.resolve("gone");
    assertThatThrownBy(() -> ChildProcess.start(List.of("cat"), Map.of(), missing, quickOptions()))
        .isInstanceOf(IOException.class)
        .hasMessage(
            "cannot start server: 'cat': working directory '" + missing + "' does not exist");
  }

  @Test
  void serverExitsAtOnce() throws IOException {
    ChildProcess child =
        ChildProcess.start(sh("echo boom >&2; exit 3"), Map.of(), null, quickOptions());
    try (ServerConnection server = ServerConnections.connect(child, quickOptions())) {
      long start = System.nanoTime();
      assertThatThrownBy(() -> server.receive(WAIT))
          .isInstanceOf(ServerClosedException.class)
          .hasMessageStartingWith("server 'sh' exited with status 3")
          .hasMessageContaining("--- server stderr (tail) ---\nboom")
          .extracting(e -> ((ServerClosedException) e).diagnosticsTail())
          .isEqualTo("boom");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
      // Stays closed, and sending says so too.
      assertThatThrownBy(() -> server.receive(WAIT))
          .isInstanceOf(ServerClosedException.class)
          .hasMessageStartingWith("server 'sh' exited with status 3");
      assertThatThrownBy(() -> server.send(bytes("{}")))
          .isInstanceOf(ServerClosedException.class)
          .hasMessageStartingWith("server 'sh' exited with status 3");
      assertThat(server.isAlive()).isFalse();
    }
    TestServers.assertAllGone(List.of(child.handle()));
  }

  @Test
  void anExitSeenAfterEndOfOutputAlwaysHasItsStatus() throws IOException {
    // The JDK reaps a child a moment before its Process takes the exit status; a wait on the
    // ProcessHandle (as awaitExit once did) then saw "still running" in about 4% of these rounds.
    for (int round = 0; round < 200; round++) {
      ChildProcess child = ChildProcess.start(sh("exit 3"), Map.of(), null, quickOptions());
      try {
        assertThat(child.fromServer().readAllBytes()).isEmpty();
        assertThat(child.awaitExit(WAIT)).isTrue();
        assertThat(child.exitDescription()).as("round %d", round).isEqualTo("exited with status 3");
      } finally {
        child.close();
      }
    }
  }

  @Test
  void stderrCanBeCopiedAsItArrives() throws IOException {
    java.io.ByteArrayOutputStream copy = new java.io.ByteArrayOutputStream();
    ChildProcess child =
        ChildProcess.start(
            sh("printf 'log é\\r\\nmore' >&2; exit 0"), Map.of(), null, quickOptions(), copy);
    assertThat(child.awaitExit(WAIT)).isTrue();
    assertThat(child.diagnosticsTail()).isEqualTo("log é\nmore");
    synchronized (copy) {
      assertThat(copy.toString(StandardCharsets.UTF_8)).isEqualTo("log é\r\nmore");
    }
    child.close();
  }

  @Test
  void serverPrintsNonJson() throws IOException {
    ChildProcess child = ChildProcess.start(sh("echo hello; cat"), Map.of(), null, quickOptions());
    try (ServerConnection server = ServerConnections.connect(child, quickOptions())) {
      assertThatThrownBy(() -> server.receiveMessage(WAIT))
          .isInstanceOf(MalformedMessageException.class)
          .hasMessageStartingWith(
              "server 'sh' sent a line that is not a JSON-RPC message (not JSON")
          .hasMessageEndingWith("): hello");
      // The connection goes on: the next line is fine.
      server.send(bytes("{\"jsonrpc\":\"2.0\",\"method\":\"ping\"}"));
      assertThat(server.receiveMessage(WAIT).json().get("method").asString()).isEqualTo("ping");
    }
    TestServers.assertAllGone(List.of(child.handle()));
  }

  @Test
  void badLineIsShortenedInTheMessage() {
    byte[] line = bytes("x".repeat(5000));
    assertThatThrownBy(() -> ServerConnections.parseMessage(line, "server 'sh'"))
        .isInstanceOf(MalformedMessageException.class)
        .hasMessageEndingWith("): " + "x".repeat(200) + "… (5000 bytes)");
  }

  @Test
  void lineOverTheLimit() throws IOException {
    TransportOptions options = quickOptions().withMaxLineBytes(100);
    ChildProcess child =
        ChildProcess.start(
            sh(
                "head -c 300 /dev/zero | tr '\\0' x; echo; echo '{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}'; cat"),
            Map.of(),
            null,
            options);
    try (ServerConnection server = ServerConnections.connect(child, options)) {
      assertThatThrownBy(() -> server.receive(WAIT))
          .isInstanceOf(LineTooLongException.class)
          .hasMessage(
              "line 1 from server 'sh' is longer than the limit of 100 bytes"
                  + "; the line was discarded");
      assertThat(new String(server.receive(WAIT), StandardCharsets.UTF_8))
          .isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}");
    }
    TestServers.assertAllGone(List.of(child.handle()));
  }

  @Test
  void serverHangsAfterInitialize() throws IOException {
    // Reads everything, never answers, and ignores SIGTERM: only a forcible kill stops it.
    ChildProcess child =
        ChildProcess.start(
            List.of(
                "node",
                "-e",
                "process.stdin.resume(); process.on('SIGTERM', () => {});"
                    + " process.stdin.on('end', () => {}); setInterval(() => {}, 1000);"),
            Map.of(),
            null,
            quickOptions());
    ServerConnection server = ServerConnections.connect(child, quickOptions());
    server.send(bytes(ServerConnectionTest.initialize(1)));
    long start = System.nanoTime();
    assertThat(server.receive(Duration.ofMillis(400))).isNull();
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(Duration.ofMillis(350));
    assertThat(server.isAlive()).isTrue();

    start = System.nanoTime();
    server.close();
    // grace (500 ms) + SIGTERM wait (500 ms) + SIGKILL
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    assertThat(child.handle().isAlive()).isFalse();
    assertThat(server.isAlive()).isFalse();
  }

  @Test
  void serverThatExitsOnEndOfInputIsReapedWithinTheGracePeriod() throws IOException {
    ChildProcess child = ChildProcess.start(List.of("cat"), Map.of(), null, quickOptions());
    ServerConnection server = ServerConnections.connect(child, quickOptions());
    long start = System.nanoTime();
    server.close();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(500));
    assertThat(child.handle().isAlive()).isFalse();
  }

  @Test
  void grandchildIsKilledToo() throws IOException {
    ChildProcess child = ChildProcess.start(sh("sleep 1000 & cat"), Map.of(), null, quickOptions());
    Awaitility.await("sleep started")
        .atMost(WAIT)
        .until(
            () ->
                child
                    .handle()
                    .descendants()
                    .anyMatch(p -> p.info().command().orElse("").endsWith("sleep")));
    List<ProcessHandle> tree = TestServers.treeOf(child.handle());
    assertThat(tree).hasSizeGreaterThanOrEqualTo(2);
    ServerConnection server = ServerConnections.connect(child, quickOptions());
    server.close();
    TestServers.assertAllGone(tree);
  }

  @Test
  void closeUnblocksASendToAServerThatStoppedReading() throws Exception {
    ChildProcess child = ChildProcess.start(sh("exec sleep 1000"), Map.of(), null, quickOptions());
    ServerConnection server = ServerConnections.connect(child, quickOptions());
    java.util.concurrent.CompletableFuture<Throwable> sendFailure =
        java.util.concurrent.CompletableFuture.supplyAsync(
            () -> {
              try {
                server.send(new byte[4 * 1024 * 1024]);
                return null;
              } catch (IOException e) {
                return e;
              }
            });
    Thread.sleep(300); // let the send block on the full pipe
    assertThat(sendFailure).isNotDone();
    long start = System.nanoTime();
    server.close();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
    assertThat(sendFailure.get(10, java.util.concurrent.TimeUnit.SECONDS))
        .isInstanceOf(IOException.class);
    TestServers.assertAllGone(List.of(child.handle()));
  }

  @Test
  void sendToAServerThatClosedItsInputSaysSo() throws Exception {
    ChildProcess child =
        ChildProcess.start(
            sh("exec 0<&-; echo closed >&2; exec sleep 1000"), Map.of(), null, quickOptions());
    Awaitility.await().atMost(WAIT).until(() -> child.diagnosticsTail().contains("closed"));
    try (ServerConnection server = ServerConnections.connect(child, quickOptions())) {
      assertThatThrownBy(() -> server.send(bytes("{}")))
          .isInstanceOf(IOException.class)
          .hasMessage("cannot send to server 'sh': Broken pipe");
    }
    TestServers.assertAllGone(List.of(child.handle()));
  }

  @Test
  void floodingServerIsHeldBackUntilReceivedAndClosesCleanly() throws Exception {
    ChildProcess child =
        ChildProcess.start(
            List.of("yes", "{\"jsonrpc\":\"2.0\",\"method\":\"flood\"}"),
            Map.of(),
            null,
            quickOptions());
    ServerConnection server = ServerConnections.connect(child, quickOptions());
    Thread.sleep(500); // the read-ahead fills up, the pipe fills up, and yes blocks
    for (int i = 0; i < 5000; i++) {
      assertThat(server.receive(WAIT)).hasSize(34);
    }
    long start = System.nanoTime();
    server.close();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
    TestServers.assertAllGone(List.of(child.handle()));
  }

  @Test
  void environmentIsAddedToTheInheritedOne() throws IOException {
    ChildProcess child =
        ChildProcess.start(
            sh(
                "echo \"{\\\"token\\\":\\\"$CASSETTE_TEST_TOKEN\\\",\\\"path\\\":\\\"${PATH:+set}\\\"}\""),
            Map.of("CASSETTE_TEST_TOKEN", "s3cr3t"),
            null,
            quickOptions());
    try (ServerConnection server = ServerConnections.connect(child, quickOptions())) {
      assertThat(new String(server.receive(WAIT), StandardCharsets.UTF_8))
          .isEqualTo("{\"token\":\"s3cr3t\",\"path\":\"set\"}");
      assertThat(child.description()).isEqualTo("server 'sh'");
    }
  }

  @Test
  void httpIsNotYetSupported() {
    ServerSpec spec =
        new ServerSpec(
            ServerSpec.HTTP,
            List.of(),
            "http://127.0.0.1:1/mcp",
            null,
            null,
            null,
            null,
            null,
            null);
    assertThatThrownBy(() -> ServerConnections.open(spec, Map.of(), quickOptions()))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("HTTP transport arrives in a later release");
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
