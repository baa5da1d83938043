package dev.cassette.cli;

import static org.awaitility.Awaitility.await;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BooleanSupplier;

/** Drives a stdio MCP server with the official Java SDK client through one scripted session. */
final class SdkSessions {

  static final Duration TIMEOUT = Duration.ofSeconds(60);
  static final String ROOT_URI = "file:///tmp/cassette-roots";

  private SdkSessions() {}

  /** What the client saw; compared between the direct and the proxied run. */
  record Seen(
      String protocolVersion,
      McpSchema.Implementation serverInfo,
      McpSchema.ListToolsResult tools,
      McpSchema.CallToolResult echo,
      McpSchema.CallToolResult sum,
      McpSchema.CallToolResult longRun,
      int progressNotifications,
      McpSchema.ReadResourceResult resource,
      McpSchema.GetPromptResult prompt) {}

  /** Parameters that start server-everything directly. */
  static ServerParameters direct() {
    return ServerParameters.builder("node")
        .args(RecorderProcess.serverEverything(), "stdio")
        .build();
  }

  /** Parameters that start server-everything behind {@code cassette record} with these options. */
  static ServerParameters recorded(List<String> recordOptions, Map<String, String> environment) {
    List<String> arguments = new ArrayList<>(List.of("record"));
    arguments.addAll(recordOptions);
    arguments.addAll(List.of("--", "node", RecorderProcess.serverEverything(), "stdio"));
    List<String> command = RecorderProcess.cassette(arguments);
    return ServerParameters.builder(command.get(0))
        .args(command.subList(1, command.size()))
        .env(environment)
        .build();
  }

  static McpSyncClient client(
      ServerParameters parameters,
      Queue<String> stderr,
      Queue<McpSchema.ProgressNotification> progress) {
    StdioClientTransport transport =
        new StdioClientTransport(parameters, McpJsonDefaults.getMapper());
    transport.setStdErrorHandler(stderr::add);
    return McpClient.sync(transport)
        .requestTimeout(TIMEOUT)
        .initializationTimeout(TIMEOUT)
        .clientInfo(McpSchema.Implementation.builder("cassette-test", "1.0").build())
        .capabilities(McpSchema.ClientCapabilities.builder().roots(true).build())
        .roots(new McpSchema.Root(ROOT_URI, "roots"))
        .progressConsumer(progress::add)
        .build();
  }

  /**
   * Runs the script: initialize, wait for the server's roots/list to be answered, then tools/list,
   * three tools/call (one with progress), resources/read, prompts/get and ping; then wait until
   * {@code quiet} says no request is open before closing.
   */
  static Seen run(
      ServerParameters parameters,
      Queue<String> stderr,
      BooleanSupplier rootsAnswered,
      BooleanSupplier quiet) {
    Queue<McpSchema.ProgressNotification> progress = new ConcurrentLinkedQueue<>();
    McpSyncClient client = client(parameters, stderr, progress);
    try {
      McpSchema.InitializeResult init = client.initialize();
      await().atMost(TIMEOUT).until(rootsAnswered::getAsBoolean);
      McpSchema.ListToolsResult tools = client.listTools();
      McpSchema.CallToolResult echo =
          client.callTool(
              McpSchema.CallToolRequest.builder("echo")
                  .arguments(Map.of("message", "hello"))
                  .build());
      McpSchema.CallToolResult sum =
          client.callTool(
              McpSchema.CallToolRequest.builder("get-sum")
                  .arguments(Map.of("a", 2, "b", 40))
                  .build());
      McpSchema.CallToolResult longRun =
          client.callTool(
              McpSchema.CallToolRequest.builder("trigger-long-running-operation")
                  .arguments(Map.of("duration", 0.3, "steps", 3))
                  .progressToken("progress-1")
                  .build());
      await().atMost(TIMEOUT).until(() -> progress.size() >= 3);
      String uri =
          client.listResources().resources().stream()
              .map(McpSchema.Resource::uri)
              .filter(candidate -> candidate.startsWith("demo://resource/static/"))
              .findFirst()
              .orElseThrow();
      McpSchema.ReadResourceResult resource =
          client.readResource(McpSchema.ReadResourceRequest.builder(uri).build());
      McpSchema.GetPromptResult prompt =
          client.getPrompt(McpSchema.GetPromptRequest.builder("simple-prompt").build());
      client.ping();
      await().atMost(TIMEOUT).until(quiet::getAsBoolean);
      return new Seen(
          init.protocolVersion(),
          init.serverInfo(),
          tools,
          echo,
          sum,
          longRun,
          progress.size(),
          resource,
          prompt);
    } finally {
      client.closeGracefully();
    }
  }
}
