package dev.cassette.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cassette.host.tools.BuiltinTools;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs {@link WasmHostMain} as a child process and talks to it over stdio. */
class StdioHostTest {
  @TempDir Path componentDir;

  private Process startHost(String... options) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(WasmHostMain.class.getName());
    command.addAll(List.of(options));
    return new ProcessBuilder(command)
        .redirectError(componentDir.resolve("stderr.txt").toFile())
        .start();
  }

  private static void reap(Process process) throws InterruptedException {
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    if (!process.waitFor(5, TimeUnit.SECONDS)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }
  }

  @Test
  void servesOverStdioAndExitsWhenInputEnds() throws Exception {
    HostFixture.copyProbe(componentDir);
    Process process =
        startHost("--component-dir", componentDir.toString(), "--deterministic", "--seed", "7");
    LineClientTransport transport =
        new LineClientTransport(
            process.getInputStream(), process.getOutputStream(), McpJsonDefaults.getMapper());
    McpSyncClient client =
        McpClient.sync(transport)
            .requestTimeout(Duration.ofSeconds(60))
            .initializationTimeout(Duration.ofSeconds(60))
            .build();
    try {
      client.initialize();
      assertThat(client.getServerInfo().name()).isEqualTo("cassette-wasm-host");
      List<String> names = client.listTools().tools().stream().map(Tool::name).toList();
      assertThat(names).containsAll(BuiltinTools.NAMES).contains("divide", "entropy");

      CallToolResult divide =
          client.callTool(
              CallToolRequest.builder("divide").arguments(Map.of("a", 7, "b", 2)).build());
      assertThat(((TextContent) divide.content().get(0)).text()).isEqualTo("{\"ok\":3.5}");

      CallToolResult unknown =
          client.callTool(CallToolRequest.builder("missing").arguments(Map.of()).build());
      assertThat(unknown.isError()).isTrue();

      String entropy = text(client, "entropy");
      assertThat(text(client, "entropy")).isEqualTo(entropy);
      assertThat(entropy).contains("\"realtime\":1735689600000000000");
    } finally {
      client.closeGracefully();
      boolean exited = process.waitFor(20, TimeUnit.SECONDS);
      reap(process);
      assertThat(exited).as("the host exits when its input ends").isTrue();
    }
    assertThat(process.exitValue()).isZero();
  }

  @Test
  void rejectsUnknownOptionsWithUsage() throws Exception {
    Process process = startHost("--bogus");
    try {
      assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(process.exitValue()).isEqualTo(2);
      String stderr = java.nio.file.Files.readString(componentDir.resolve("stderr.txt"));
      assertThat(stderr).contains("unknown option '--bogus'", "usage:");
    } finally {
      reap(process);
    }
  }

  private static String text(McpSyncClient client, String tool) {
    CallToolResult result =
        client.callTool(CallToolRequest.builder(tool).arguments(Map.of()).build());
    return ((TextContent) result.content().get(0)).text();
  }

  static String classpathSeparator() {
    return File.pathSeparator;
  }
}
