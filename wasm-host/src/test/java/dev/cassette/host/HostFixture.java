package dev.cassette.host;

import dev.cassette.proxy.jsonrpc.Json;
import dev.cassette.proxy.launch.EmbeddedServer;
import dev.cassette.proxy.launch.EmbeddedServerOptions;
import dev.cassette.proxy.launch.EmbeddedServerProvider;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.ServiceLoader;
import tools.jackson.databind.JsonNode;

/** An embedded host found through the SPI, driven by the official SDK client. */
final class HostFixture implements AutoCloseable {
  static final String PROBE = "probe.wasm";

  final EmbeddedServer server;
  final LineClientTransport transport;
  final McpSyncClient client;

  private HostFixture(EmbeddedServer server, LineClientTransport transport, McpSyncClient client) {
    this.server = server;
    this.transport = transport;
    this.client = client;
  }

  static HostFixture start(Map<String, String> settings, Map<String, String> environment)
      throws IOException {
    EmbeddedServer server = provider().start(new EmbeddedServerOptions(settings, environment));
    LineClientTransport transport =
        new LineClientTransport(
            server.fromServer(), server.toServer(), McpJsonDefaults.getMapper());
    McpSyncClient client =
        McpClient.sync(transport)
            .requestTimeout(Duration.ofSeconds(30))
            .initializationTimeout(Duration.ofSeconds(10))
            .build();
    HostFixture fixture = new HostFixture(server, transport, client);
    try {
      client.initialize();
    } catch (RuntimeException e) {
      fixture.close();
      throw e;
    }
    return fixture;
  }

  static EmbeddedServerProvider provider() {
    return ServiceLoader.load(EmbeddedServerProvider.class).stream()
        .map(ServiceLoader.Provider::get)
        .filter(p -> p.name().equals("wassette"))
        .findFirst()
        .orElseThrow();
  }

  /** Copies the probe test guest into {@code dir} (as {@code probe.wasm}). */
  static Path copyProbe(Path dir) throws IOException {
    return copyGuest(dir, PROBE);
  }

  /** Copies the test guest {@code name} (for example {@code fsops.wasm}) into {@code dir}. */
  static Path copyGuest(Path dir, String name) throws IOException {
    Path target = dir.resolve(name);
    try (InputStream in = HostFixture.class.getResourceAsStream("guests/" + name)) {
      Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
    }
    return target;
  }

  /**
   * The example component {@code components/<name>} of the repository: the nearest ancestor of the
   * working directory with a {@code components/SHA256SUMS}.
   */
  static Path exampleComponent(String name) {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path components = dir.resolve("components");
      if (Files.isRegularFile(components.resolve("SHA256SUMS"))) {
        return components.resolve(name);
      }
    }
    throw new IllegalStateException(
        "no components/SHA256SUMS above " + Path.of("").toAbsolutePath());
  }

  CallToolResult call(String tool, Map<String, Object> arguments) {
    return client.callTool(CallToolRequest.builder(tool).arguments(arguments).build());
  }

  static String text(CallToolResult result) {
    return ((TextContent) result.content().get(0)).text();
  }

  static JsonNode json(CallToolResult result) {
    return Json.parse(text(result));
  }

  /** Calls a component tool and returns {@code structuredContent.result}. */
  JsonNode result(String tool, Map<String, Object> arguments) {
    CallToolResult result = call(tool, arguments);
    if (Boolean.TRUE.equals(result.isError())) {
      throw new AssertionError("tool " + tool + " failed: " + text(result));
    }
    return Json.mapper().valueToTree(result.structuredContent()).get("result");
  }

  @Override
  public void close() {
    try {
      client.closeGracefully();
    } finally {
      server.close();
    }
  }
}
