package dev.cassette.proxy.session;

import static dev.cassette.proxy.transport.TestServers.everything;
import static dev.cassette.proxy.transport.TestServers.quickOptions;
import static dev.cassette.proxy.transport.TestServers.sh;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cassette.proxy.jsonrpc.Json;
import dev.cassette.proxy.tape.ServerSpec;
import dev.cassette.proxy.transport.ChildProcess;
import dev.cassette.proxy.transport.LaunchedServer;
import dev.cassette.proxy.transport.ServerConnections;
import dev.cassette.proxy.transport.TestServers;
import dev.cassette.proxy.transport.TransportOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.node.ObjectNode;

@Timeout(60)
class SessionPumpTest {

  private static final Duration WAIT = Duration.ofSeconds(15);

  @Test
  void roundTripThroughCatIsByteExact() throws Exception {
    List<byte[]> lines = new ArrayList<>();
    lines.add(utf8("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}"));
    lines.add(
        utf8(
            "{ \"jsonrpc\" : \"2.0\" , \"method\":\"x\", \"params\":{\"n\":1.50, \"s\":\"é☕𝄞\"} }"));
    lines.add(utf8(""));
    lines.add(new byte[] {'a', '\r', (byte) 0xff, (byte) 0xc3, 0, '\t'});
    lines.add(bigJson(3 * 1024 * 1024));
    for (int i = 0; i < 500; i++) {
      lines.add(utf8("{\"jsonrpc\":\"2.0\",\"id\":" + (100 + i) + ",\"method\":\"ping\"}"));
    }
    ChildProcess cat = ChildProcess.start(List.of("cat"), Map.of(), null, quickOptions());
    RecordingListener listener = new RecordingListener();
    try (TestClient client = new TestClient()) {
      SessionPump pump =
          SessionPump.start(client.pumpInput(), client.pumpOutput(), cat, listener, quickOptions());
      for (byte[] line : lines) {
        client.send(line);
      }
      List<byte[]> back = new ArrayList<>();
      for (int i = 0; i < lines.size(); i++) {
        back.add(client.next(WAIT));
      }
      client.endInput();
      assertThat(pump.awaitTermination(WAIT)).isTrue();
      assertThat(client.awaitEndOfOutput(WAIT)).isTrue();

      assertThat(back)
          .usingElementComparator(SessionPumpTest::compareBytes)
          .containsExactlyElementsOf(lines);
      assertThat(listener.clientToServer())
          .usingElementComparator(SessionPumpTest::compareBytes)
          .containsExactlyElementsOf(lines);
      assertThat(listener.serverToClient())
          .usingElementComparator(SessionPumpTest::compareBytes)
          .containsExactlyElementsOf(lines);
      assertThat(listener.serverTimesIncreasing()).isTrue();
      assertThat(listener.closeReasons())
          .containsExactly("client closed its input; server 'cat' exited with status 0");
      assertThat(pump.closeReason()).isEqualTo(listener.closeReasons().get(0));
    }
    TestServers.assertAllGone(List.of(cat.handle()));
  }

  @Test
  void relaysServerEverythingSessionExactlyIncludingServerRequests() throws Exception {
    ChildProcess server = ChildProcess.start(everything(), Map.of(), null, quickOptions());
    RecordingListener listener = new RecordingListener();
    List<byte[]> sent = new ArrayList<>();
    List<byte[]> received = new ArrayList<>();
    try (TestClient client = new TestClient()) {
      SessionPump pump =
          SessionPump.start(
              client.pumpInput(), client.pumpOutput(), server, listener, quickOptions());
      send(
          client,
          sent,
          "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
              + "\"2025-06-18\",\"capabilities\":{\"roots\":{\"listChanged\":true}},"
              + "\"clientInfo\":{\"name\":\"pump-test\",\"version\":\"1\"}}}");
      received.add(client.nextContaining("\"id\":1", WAIT));
      send(client, sent, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
      // A server->client request flows like anything else; the client answers it.
      byte[] rootsRequest = client.nextContaining("roots/list", WAIT);
      received.add(rootsRequest);
      String rootsId = idOf(rootsRequest);
      send(
          client,
          sent,
          "{\"jsonrpc\":\"2.0\",\"id\":"
              + rootsId
              + ",\"result\":{\"roots\":[{\"uri\":"
              + "\"file:///tmp/ünï\",\"name\":\"tmp\"}]}}");
      send(client, sent, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}");
      received.add(client.nextContaining("\"id\":2", WAIT));
      send(
          client,
          sent,
          "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\","
              + "\"arguments\":{\"message\":\"héllo ☕ 𝄞 \\u0000 \\\"quoted\\\"\"}}}");
      byte[] echo = client.nextContaining("\"id\":3", WAIT);
      received.add(echo);
      assertThat(new String(echo, StandardCharsets.UTF_8))
          .contains("Echo: héllo ☕ 𝄞 \\u0000 \\\"quoted\\\"");
      String big = "ü".repeat(600_000);
      send(
          client,
          sent,
          "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\","
              + "\"arguments\":{\"message\":\""
              + big
              + "\"}}}");
      byte[] bigEcho = client.nextContaining("\"id\":4", WAIT);
      received.add(bigEcho);
      assertThat(new String(bigEcho, StandardCharsets.UTF_8)).contains("Echo: " + big);

      client.endInput();
      assertThat(pump.awaitTermination(WAIT)).isTrue();
      assertThat(client.awaitEndOfOutput(WAIT)).isTrue();
      // Everything the server wrote reached the client, byte for byte and in order.
      List<byte[]> clientSaw = new ArrayList<>();
      List<byte[]> serverWrote = listener.serverToClient();
      for (byte[] line : serverWrote) {
        clientSaw.add(line);
      }
      assertThat(serverWrote)
          .usingElementComparator(SessionPumpTest::compareBytes)
          .containsSubsequence(received);
      assertThat(clientSaw).hasSameSizeAs(serverWrote);
      assertThat(listener.clientToServer())
          .usingElementComparator(SessionPumpTest::compareBytes)
          .containsExactlyElementsOf(sent);
      assertThat(listener.closeReasons())
          .singleElement()
          .asString()
          .startsWith("client closed its input; server 'node'");
    }
    TestServers.assertAllGone(List.of(server.handle()));
  }

  @Test
  void clientDisconnectsMidCall() throws Exception {
    ChildProcess server = ChildProcess.start(everything(), Map.of(), null, quickOptions());
    RecordingListener listener = new RecordingListener();
    try (TestClient client = new TestClient()) {
      SessionPump pump =
          SessionPump.start(
              client.pumpInput(), client.pumpOutput(), server, listener, quickOptions());
      client.send(
          "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
              + "\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}");
      client.nextContaining("\"id\":1", WAIT);
      client.send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
      client.send(
          "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":"
              + "\"trigger-long-running-operation\",\"arguments\":{\"duration\":60,\"steps\":60}}}");
      Awaitility.await().atMost(WAIT).until(() -> listener.clientToServer().size() == 3);
      long start = System.nanoTime();
      client.endInput();
      assertThat(pump.awaitTermination(Duration.ofSeconds(5))).isTrue();
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
      assertThat(pump.closeReason()).startsWith("client closed its input; server 'node'");
      assertThat(client.awaitEndOfOutput(WAIT)).isTrue();
    }
    TestServers.assertAllGone(List.of(server.handle()));
  }

  @Test
  void serverExitsAtOnce() throws Exception {
    ChildProcess server =
        ChildProcess.start(sh("echo boom >&2; exit 3"), Map.of(), null, quickOptions());
    RecordingListener listener = new RecordingListener();
    try (TestClient client = new TestClient()) {
      SessionPump pump =
          SessionPump.start(
              client.pumpInput(), client.pumpOutput(), server, listener, quickOptions());
      assertThat(pump.awaitTermination(WAIT)).isTrue();
      assertThat(listener.closeReasons()).containsExactly("server 'sh' exited with status 3");
      assertThat(client.awaitEndOfOutput(WAIT)).isTrue();
      assertThat(server.diagnosticsTail()).isEqualTo("boom");
    }
    TestServers.assertAllGone(List.of(server.handle()));
  }

  @Test
  void lineOverTheLimitFromTheClientEndsTheSession() throws Exception {
    TransportOptions options = quickOptions().withMaxLineBytes(64);
    ChildProcess server = ChildProcess.start(List.of("cat"), Map.of(), null, options);
    RecordingListener listener = new RecordingListener();
    try (TestClient client = new TestClient()) {
      SessionPump pump =
          SessionPump.start(client.pumpInput(), client.pumpOutput(), server, listener, options);
      client.send("{\"jsonrpc\":\"2.0\",\"method\":\"short\"}");
      client.send("{\"jsonrpc\":\"2.0\",\"method\":\"" + "x".repeat(100) + "\"}");
      assertThat(pump.awaitTermination(WAIT)).isTrue();
      assertThat(listener.closeReasons())
          .containsExactly(
              "line 2 from client is longer than the limit of 64 bytes"
                  + "; the line was discarded");
      assertThat(listener.clientToServer()).hasSize(1);
      assertThat(client.awaitEndOfOutput(WAIT)).isTrue();
    }
    TestServers.assertAllGone(List.of(server.handle()));
  }

  @Test
  void lineOverTheLimitFromTheServerEndsTheSession() throws Exception {
    assertALineOverTheLimitEndsTheSessionAfterTheLineBefore(
        "echo '{}'; head -c 100 /dev/zero | tr '\\0' x; echo; cat");
  }

  @Test
  void linesRelayedInTheSameReadAsALineOverTheLimitStillReachTheClient() throws Exception {
    // One write, so both lines arrive in one read: the first must not stay in the relay's buffer.
    assertALineOverTheLimitEndsTheSessionAfterTheLineBefore(
        "printf '{}\\n" + "x".repeat(100) + "\\n'; cat");
  }

  /** {@code script} prints {@code {}}, then a 100-byte line; the limit is 64 bytes. */
  private static void assertALineOverTheLimitEndsTheSessionAfterTheLineBefore(String script)
      throws Exception {
    TransportOptions options = quickOptions().withMaxLineBytes(64);
    ChildProcess server = ChildProcess.start(sh(script), Map.of(), null, options);
    RecordingListener listener = new RecordingListener();
    try (TestClient client = new TestClient()) {
      SessionPump pump =
          SessionPump.start(client.pumpInput(), client.pumpOutput(), server, listener, options);
      assertThat(pump.awaitTermination(WAIT)).isTrue();
      assertThat(listener.closeReasons())
          .containsExactly(
              "line 2 from server 'sh' is longer than the limit of 64 bytes"
                  + "; the line was discarded");
      assertThat(client.next(WAIT)).asString(StandardCharsets.UTF_8).isEqualTo("{}");
      assertThat(client.awaitEndOfOutput(WAIT)).isTrue();
    }
    TestServers.assertAllGone(List.of(server.handle()));
  }

  @Test
  void closeStopsTheServerAndItsGrandchildren() throws Exception {
    ChildProcess server =
        ChildProcess.start(sh("sleep 1000 & cat"), Map.of(), null, quickOptions());
    Awaitility.await()
        .atMost(WAIT)
        .until(
            () ->
                server
                    .handle()
                    .descendants()
                    .anyMatch(p -> p.info().command().orElse("").endsWith("sleep")));
    List<ProcessHandle> tree = TestServers.treeOf(server.handle());
    RecordingListener listener = new RecordingListener();
    try (TestClient client = new TestClient()) {
      SessionPump pump =
          SessionPump.start(
              client.pumpInput(), client.pumpOutput(), server, listener, quickOptions());
      client.send("{\"jsonrpc\":\"2.0\",\"method\":\"x\"}");
      client.next(WAIT);
      long start = System.nanoTime();
      pump.close();
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
      assertThat(pump.awaitTermination(Duration.ZERO)).isTrue();
      pump.close();
      assertThat(listener.closeReasons()).containsExactly("session closed by the proxy");
      assertThat(client.awaitEndOfOutput(WAIT)).isTrue();
    }
    TestServers.assertAllGone(tree);
  }

  @Test
  void failingListenerEndsTheSession() throws Exception {
    ChildProcess server = ChildProcess.start(List.of("cat"), Map.of(), null, quickOptions());
    List<String> reasons = new ArrayList<>();
    SessionListener listener =
        new SessionListener() {
          @Override
          public void onLine(Direction direction, byte[] line, long nanoTime) {
            throw new IllegalStateException("disk full");
          }

          @Override
          public synchronized void onClose(String reason) {
            reasons.add(reason);
          }
        };
    try (TestClient client = new TestClient()) {
      SessionPump pump =
          SessionPump.start(
              client.pumpInput(), client.pumpOutput(), server, listener, quickOptions());
      client.send("{}");
      assertThat(pump.awaitTermination(WAIT)).isTrue();
      assertThat(pump.closeReason())
          .isEqualTo("session listener failed: java.lang.IllegalStateException: disk full");
    }
    assertThat(reasons).hasSize(1);
    TestServers.assertAllGone(List.of(server.handle()));
  }

  @Test
  void relaysAnEmbeddedServerTheSameWay() throws Exception {
    LaunchedServer server =
        ServerConnections.launch(
            new ServerSpec(
                ServerSpec.EMBEDDED,
                List.of(),
                null,
                (ObjectNode) Json.parse("{\"name\":\"test-echo\"}"),
                null,
                null,
                null,
                null,
                null),
            Map.of(),
            quickOptions());
    RecordingListener listener = new RecordingListener();
    try (TestClient client = new TestClient()) {
      SessionPump pump =
          SessionPump.start(
              client.pumpInput(), client.pumpOutput(), server, listener, quickOptions());
      client.send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":{\"é\":[1.50]}}");
      assertThat(client.next(WAIT))
          .asString(StandardCharsets.UTF_8)
          .isEqualTo(
              "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"echo\":{\"é\":[1.50]},"
                  + "\"settings\":{},\"environment\":[]}}");
      client.endInput();
      assertThat(pump.awaitTermination(WAIT)).isTrue();
      assertThat(listener.closeReasons())
          .containsExactly(
              "client closed its input; embedded server 'test-echo' closed its output");
      assertThat(server.isAlive()).isFalse();
      assertThat(listener.serverToClient()).hasSize(1);
    }
  }

  @Test
  void closeIsBoundedWhenTheServerStopsReading() throws Exception {
    ChildProcess server = ChildProcess.start(sh("exec sleep 1000"), Map.of(), null, quickOptions());
    RecordingListener listener = new RecordingListener();
    try (TestClient client = new TestClient()) {
      SessionPump pump =
          SessionPump.start(
              client.pumpInput(), client.pumpOutput(), server, listener, quickOptions());
      Thread sender =
          new Thread(
              () -> {
                try {
                  client.send(bigJson(4 * 1024 * 1024));
                } catch (IOException e) {
                  // The pump went away: expected.
                }
              });
      sender.setDaemon(true);
      sender.start();
      Thread.sleep(300); // let the pump's write to the full pipe block
      long start = System.nanoTime();
      pump.close();
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
      assertThat(listener.closeReasons()).containsExactly("session closed by the proxy");
    }
    TestServers.assertAllGone(List.of(server.handle()));
  }

  @Test
  void closeIsBoundedWhenTheClientStopsReading() throws Exception {
    ChildProcess server =
        ChildProcess.start(
            List.of("yes", "{\"jsonrpc\":\"2.0\",\"method\":\"flood\"}"),
            Map.of(),
            null,
            quickOptions());
    RecordingListener listener = new RecordingListener();
    try (TestClient client = new TestClient(false)) {
      SessionPump pump =
          SessionPump.start(
              client.pumpInput(), client.pumpOutput(), server, listener, quickOptions());
      Awaitility.await().atMost(WAIT).until(() -> listener.serverToClient().size() > 1000);
      long start = System.nanoTime();
      pump.close();
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
      assertThat(pump.awaitTermination(Duration.ZERO)).isTrue();
    }
    TestServers.assertAllGone(List.of(server.handle()));
  }

  @Test
  void brokenPipeToTheServerEndsTheSessionWithAClearReason() throws Exception {
    // The server closes its stdin but keeps running: the next write fails with a broken pipe.
    ChildProcess server =
        ChildProcess.start(
            sh("exec 0<&-; echo closed >&2; exec sleep 1000"), Map.of(), null, quickOptions());
    Awaitility.await().atMost(WAIT).until(() -> server.diagnosticsTail().contains("closed"));
    RecordingListener listener = new RecordingListener();
    try (TestClient client = new TestClient()) {
      SessionPump pump =
          SessionPump.start(
              client.pumpInput(), client.pumpOutput(), server, listener, quickOptions());
      client.send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}");
      assertThat(pump.awaitTermination(WAIT)).isTrue();
      assertThat(listener.closeReasons())
          .containsExactly("cannot write to server 'sh': Broken pipe");
      assertThat(client.awaitEndOfOutput(WAIT)).isTrue();
    }
    TestServers.assertAllGone(List.of(server.handle()));
  }

  private static void send(TestClient client, List<byte[]> sent, String json) throws IOException {
    byte[] line = utf8(json);
    sent.add(line);
    client.send(line);
  }

  private static String idOf(byte[] line) {
    String text = new String(line, StandardCharsets.UTF_8);
    int at = text.indexOf("\"id\":") + 5;
    int end = at;
    while (end < text.length() && text.charAt(end) != ',' && text.charAt(end) != '}') {
      end++;
    }
    return text.substring(at, end);
  }

  private static byte[] bigJson(int size) {
    Random random = new Random(7);
    ByteArrayOutputStream out = new ByteArrayOutputStream(size + 100);
    out.writeBytes(utf8("{\"jsonrpc\":\"2.0\",\"method\":\"big\",\"params\":{\"s\":\""));
    int[] alphabet = "abcé☕𝄞 xyz".codePoints().toArray();
    while (out.size() < size) {
      out.writeBytes(utf8(Character.toString(alphabet[random.nextInt(alphabet.length)])));
    }
    out.writeBytes(utf8("\"}}"));
    return out.toByteArray();
  }

  private static int compareBytes(byte[] a, byte[] b) {
    return java.util.Arrays.compare(a, b);
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
