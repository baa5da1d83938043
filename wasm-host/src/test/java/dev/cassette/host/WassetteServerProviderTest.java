package dev.cassette.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cassette.proxy.launch.EmbeddedServer;
import dev.cassette.proxy.launch.EmbeddedServerOptions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WassetteServerProviderTest {
  @TempDir Path dir;

  @Test
  void isFoundByServiceLoaderUnderItsName() {
    assertThat(HostFixture.provider()).isInstanceOf(WassetteServerProvider.class);
    assertThat(HostFixture.provider().name()).isEqualTo("wassette");
  }

  @Test
  void rejectsBadSettingsNamingTheKey() {
    EmbeddedServerOptions options =
        new EmbeddedServerOptions(Map.of("seed", "forty-two"), Map.of());
    assertThatThrownBy(() -> HostFixture.provider().start(options))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("'seed'")
        .hasMessageContaining("forty-two");
    EmbeddedServerOptions missingDir =
        new EmbeddedServerOptions(Map.of("componentDir", dir.resolve("nope").toString()), Map.of());
    assertThatThrownBy(() -> HostFixture.provider().start(missingDir))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("nope");
  }

  @Test
  void answersMalformedLinesAndClosesWithinBoundedTime() throws Exception {
    EmbeddedServer server =
        HostFixture.provider().start(new EmbeddedServerOptions(Map.of(), Map.of()));
    BufferedReader reader =
        new BufferedReader(new InputStreamReader(server.fromServer(), StandardCharsets.UTF_8));
    server.toServer().write("this is not json\n".getBytes(StandardCharsets.UTF_8));
    server.toServer().flush();
    CompletableFuture<String> reply = CompletableFuture.supplyAsync(() -> readLine(reader));
    assertThat(reply.get(20, TimeUnit.SECONDS)).contains("\"code\":-32700");
    assertThat(server.diagnosticsTail()).contains("malformed JSON-RPC line");

    long start = System.nanoTime();
    server.close();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    CompletableFuture<String> end = CompletableFuture.supplyAsync(() -> readLine(reader));
    assertThat(end.get(10, TimeUnit.SECONDS)).isNull();
    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> hostThreads().isEmpty());
  }

  /** Threads the host starts (its reader and call workers) that are still alive. */
  private static java.util.List<String> hostThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .map(Thread::getName)
        .filter(name -> name.equals("wasm-host-mcp-in") || name.startsWith("wasm-call-"))
        .toList();
  }

  @Test
  void endsTheSessionWhenTheClientClosesItsStream() throws Exception {
    EmbeddedServer server =
        HostFixture.provider().start(new EmbeddedServerOptions(Map.of(), Map.of()));
    try {
      server.toServer().close();
      BufferedReader reader =
          new BufferedReader(new InputStreamReader(server.fromServer(), StandardCharsets.UTF_8));
      CompletableFuture<String> end = CompletableFuture.supplyAsync(() -> readLine(reader));
      assertThat(end.get(10, TimeUnit.SECONDS)).isNull();
    } finally {
      server.close();
    }
  }

  private static String readLine(BufferedReader reader) {
    try {
      return reader.readLine();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
