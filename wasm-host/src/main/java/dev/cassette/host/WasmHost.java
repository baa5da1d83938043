package dev.cassette.host;

import dev.cassette.host.mcp.LineServerTransportProvider;
import dev.cassette.host.mcp.SchemaCheckCache;
import dev.cassette.host.policy.PolicyStore;
import dev.cassette.host.tools.BuiltinTools;
import dev.cassette.host.tools.ComponentRegistry;
import dev.cassette.host.tools.HostFailures;
import dev.cassette.host.tools.ToolSink;
import dev.cassette.host.wasm.GuestException;
import dev.cassette.host.wasm.WasmRuntime;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.spec.McpSchema.ServerCapabilities;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apiguardian.api.API;

/**
 * The embedded Wassette-compatible MCP server: Wassette's built-in tools and policy model over the
 * official MCP Java SDK, running WebAssembly components on Chicory. It speaks newline-delimited
 * JSON-RPC over any pair of streams (stdio, or the pipes of an embedded server).
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class WasmHost implements AutoCloseable {
  /**
   * The {@code serverInfo.name} the host reports: its own (Wassette reports its MCP library's name,
   * {@code rmcp}), so a client or tape can tell the two hosts apart.
   */
  public static final String SERVER_NAME = "cassette-wasm-host";

  /** The {@code serverInfo.version} the host reports. */
  public static final String SERVER_VERSION = "0.1.0";

  /**
   * The instructions the host sends in its {@code initialize} result: Wassette 0.8.0's, word for
   * word, so an agent is told the same workflow by both hosts.
   */
  public static final String INSTRUCTIONS =
      """
      This server runs tools in sandboxed WebAssembly environments with no default access to host\
       resources.

      Key points:
      - Tools must be loaded before use: "Load component from oci://registry/tool:version" or\
       "file:///path/to/tool.wasm"
      - When the server starts, it will load all tools present in the component directory.
      - You can list loaded tools with 'list-components' tool.
      - Each tool only accesses resources explicitly granted by a policy file (filesystem paths,\
       network domains, etc.)
      - You MUST never modify the policy file directly, use tools to grant permissions instead.
      - Tools needs permission for that resource
      - If access is denied, suggest alternatives within allowed permissions or propose to grant\
       permission""";

  private static final Duration CLOSE_WAIT = Duration.ofSeconds(3);

  private final WasmRuntime runtime;
  private final LineServerTransportProvider transport;
  private final McpSyncServer server;
  private final OutputStream output;

  private WasmHost(
      WasmRuntime runtime,
      LineServerTransportProvider transport,
      McpSyncServer server,
      OutputStream output) {
    this.runtime = runtime;
    this.transport = transport;
    this.server = server;
    this.output = output;
  }

  /**
   * Starts a host reading requests from {@code input} and writing to {@code output}. Components in
   * the component directory load on a background thread while the MCP server starts: {@code
   * initialize} is answered at once, and later messages are handled once loading has finished (so
   * {@code tools/list} and calls see every component). One that fails to load or to publish its
   * tools, whatever it throws, is reported to {@code diagnostics} (unexpected failures also to
   * SLF4J, with their stack trace), skipped and listed by {@code list-components}; the others load.
   *
   * @param diagnostics receives one line per problem (never secrets)
   * @throws IOException if the component directory cannot be listed
   */
  public static WasmHost start(
      HostSettings settings, InputStream input, OutputStream output, Consumer<String> diagnostics)
      throws IOException {
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(output, "output");
    Objects.requireNonNull(diagnostics, "diagnostics");
    List<Path> files = componentFiles(settings.componentDir());
    WasmRuntime runtime = new WasmRuntime(settings.sandbox());
    ComponentRegistry registry =
        new ComponentRegistry(
            runtime,
            settings.policyChangesInMemory() ? PolicyStore.inMemory() : new PolicyStore(),
            BuiltinTools.names(),
            diagnostics);
    HostFailures failures = new HostFailures(diagnostics);
    CompletableFuture<Void> loading = startLoading(files, runtime, registry, diagnostics, failures);
    CompletableFuture<Void> ready = new CompletableFuture<>();
    var mapper = McpJsonDefaults.getMapper();
    LineServerTransportProvider transport =
        new LineServerTransportProvider(
            mapper, input, output, diagnostics, ready, BuiltinTools.NAMES);
    List<SyncToolSpecification> tools =
        new ArrayList<>(
            BuiltinTools.specifications(
                registry, settings.componentDir(), transport::notifyToolListChanged));
    McpSyncServer server =
        McpServer.sync(transport)
            .serverInfo(SERVER_NAME, SERVER_VERSION)
            .instructions(INSTRUCTIONS)
            .capabilities(ServerCapabilities.builder().tools(true).build())
            .validateToolInputs(false)
            .jsonMapper(mapper)
            .jsonSchemaValidator(SchemaCheckCache.shared())
            .tools(tools)
            .build();
    loading.whenComplete(
        (done, failure) -> {
          try {
            if (failure != null) {
              failures.report("loading components", failure);
            }
            publish(registry, server, transport);
          } catch (Throwable e) {
            failures.report("publishing the components' tools", e);
          } finally {
            ready.complete(null);
          }
        });
    WasmHost host = new WasmHost(runtime, transport, server, output);
    transport.terminated().thenRun(host::release);
    return host;
  }

  /**
   * Serves over {@code input}/{@code output} until the input ends, then shuts down.
   *
   * @throws IOException if the host cannot start
   */
  public static void runStdio(
      HostSettings settings, InputStream input, OutputStream output, Consumer<String> diagnostics)
      throws IOException {
    try (WasmHost host = start(settings, input, output, diagnostics)) {
      host.awaitTermination();
    }
  }

  /**
   * The running server as a tool sink; {@code batch} runs a change as {@code batching} says (one
   * notification for it, or none).
   */
  private static ToolSink toolSink(McpSyncServer server, Consumer<Runnable> batching) {
    return new ToolSink() {
      @Override
      public void add(SyncToolSpecification tool) {
        server.addTool(tool);
      }

      @Override
      public void remove(String name) {
        server.removeTool(name);
      }

      @Override
      public void batch(Runnable change) {
        batching.accept(change);
      }
    };
  }

  /**
   * Loads {@code files} on one of the runtime's worker threads (which later calls reuse); the
   * future completes when all have been tried.
   */
  private static CompletableFuture<Void> startLoading(
      List<Path> files,
      WasmRuntime runtime,
      ComponentRegistry registry,
      Consumer<String> diagnostics,
      HostFailures failures) {
    CompletableFuture<Void> loading = new CompletableFuture<>();
    runtime.background(() -> loadComponents(files, registry, diagnostics, failures, loading));
    return loading;
  }

  private static List<Path> componentFiles(Path dir) throws IOException {
    if (dir == null) {
      return List.of();
    }
    if (!Files.isDirectory(dir)) {
      throw new IOException("component directory " + dir + " does not exist");
    }
    try (Stream<Path> list = Files.list(dir)) {
      return list.filter(f -> f.toString().endsWith(".wasm")).sorted().toList();
    }
  }

  /**
   * Loads {@code files} in order; one that fails, whatever it throws, is skipped with its reason
   * (reported, and listed by {@code list-components}) and the others still load.
   */
  private static void loadComponents(
      List<Path> files,
      ComponentRegistry registry,
      Consumer<String> diagnostics,
      HostFailures failures,
      CompletableFuture<Void> loading) {
    try {
      for (Path file : files) {
        try {
          registry.load(file.toString());
        } catch (GuestException e) {
          diagnostics.accept("skipped component " + file + ": " + e.getMessage());
          registry.skip(file, e.getMessage());
        } catch (Throwable e) {
          String line = failures.report("loading " + file, e);
          registry.skip(file, line);
        }
      }
      loading.complete(null);
    } catch (Throwable e) {
      loading.completeExceptionally(e);
    }
  }

  /**
   * Publishes the tools of the components loaded at start, before any client can have listed tools
   * (so without a list-changed notification), and later changes with one notification each.
   */
  private static void publish(
      ComponentRegistry registry, McpSyncServer server, LineServerTransportProvider transport) {
    ToolSink initial = toolSink(server, Runnable::run);
    ToolSink later = toolSink(server, transport::withOneToolListNotification);
    transport.withoutToolListNotification(() -> registry.attach(initial, later));
  }

  /** Waits until the input has ended and the session closed. */
  public void awaitTermination() {
    try {
      transport.terminated().get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException e) {
      throw new IllegalStateException("the host's session failed", e.getCause());
    }
  }

  /** Whether the input has ended and the session closed. */
  public boolean isTerminated() {
    return transport.terminated().isDone();
  }

  private void release() {
    runtime.close();
    try {
      output.close();
    } catch (IOException e) {
      // the client has gone; nothing is left to tell it
    }
  }

  /** Stops serving and releases threads; returns within a few seconds. */
  @Override
  public void close() {
    server.close();
    transport.close();
    try {
      transport.terminated().get(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      // released below regardless
    }
    release();
  }
}
