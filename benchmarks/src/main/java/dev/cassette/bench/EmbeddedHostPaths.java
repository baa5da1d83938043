package dev.cassette.bench;

import dev.cassette.host.HostSettings;
import dev.cassette.host.wasm.WasmRuntime;
import dev.cassette.proxy.jsonrpc.Json;
import dev.cassette.proxy.tape.ServerSpec;
import dev.cassette.proxy.transport.ServerConnection;
import dev.cassette.proxy.transport.ServerConnections;
import dev.cassette.proxy.transport.TransportOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/**
 * The embedded Wassette-compatible host as three paths of one benchmark run, each started once and
 * warmed before the rounds: in-process (the {@code wassette} embedded provider over its in-memory
 * pipes, driven through the engine's {@link ServerConnection}), and over stdio, two {@code cassette
 * host} children: one driven by the same {@link StdioClient} as real Wassette, one through the
 * engine's {@link ServerConnection} (its reader thread and queue, like the in-process path). All
 * serve only {@code components/calculator.wasm}; the tool is {@code add}.
 */
final class EmbeddedHostPaths implements AutoCloseable {
  static final String TOOL = "add";
  static final String ARGUMENTS = "{\"a\":2,\"b\":3}";
  private static final Duration COMPILE_WAIT = Duration.ofMinutes(5);
  private static final Duration STDIO_MIN_WARMUP = Duration.ofSeconds(20);

  private final ServerConnection connection;
  private final McpCalls inProcess;
  private final StdioClient child;
  private final ServerConnection childConnection;
  private final McpCalls childCalls;
  private final String expectedText;
  private final long childInitializeNanos;
  private final long childFirstCallNanos;

  private EmbeddedHostPaths(
      ServerConnection connection,
      McpCalls inProcess,
      StdioClient child,
      ServerConnection childConnection,
      String expectedText,
      long childInitializeNanos,
      long childFirstCallNanos) {
    this.connection = connection;
    this.inProcess = inProcess;
    this.child = child;
    this.childConnection = childConnection;
    this.childCalls = new McpCalls(childConnection);
    this.expectedText = expectedText;
    this.childInitializeNanos = childInitializeNanos;
    this.childFirstCallNanos = childFirstCallNanos;
  }

  /**
   * Starts the hosts on {@code componentDir} (a folder holding only {@code calculator.wasm}) and
   * warms them: in-process until the background compile is done plus {@code warmup} calls; the
   * children (whose compile cannot be observed) for {@code warmup} calls and at least {@link
   * #STDIO_MIN_WARMUP}, in turns.
   */
  static EmbeddedHostPaths open(Path componentDir, Path jar, Path work, int warmup, PrintStream log)
      throws IOException, InterruptedException {
    ObjectNode embedded = Json.mapper().createObjectNode();
    embedded.put("name", "wassette");
    embedded.put(HostSettings.COMPONENT_DIR, componentDir.toString());
    ServerSpec spec =
        new ServerSpec(
            ServerSpec.EMBEDDED, List.of(), null, embedded, List.of(), null, null, null, null);
    ServerConnection connection =
        ServerConnections.open(spec, Map.of(), TransportOptions.defaults());
    McpCalls inProcess = new McpCalls(connection);
    inProcess.initialize();
    String expected =
        inProcess.callTool(TOOL, ARGUMENTS).path("content").path(0).path("text").asString("");
    WasmRuntime.awaitCompilations(COMPILE_WAIT);
    inProcess.time(warmup, TOOL, ARGUMENTS);

    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command =
        List.of(java, "-jar", jar.toString(), "host", "--component-dir", componentDir.toString());
    StdioClient child =
        StdioClient.launch(command, work, Files.createTempFile(work, "cassette-host", ".log"));
    long initialized = child.initialize();
    long firstCall = child.awaitTool(TOOL, ARGUMENTS, expected, Duration.ofMinutes(2)).nanos();
    ServerConnection childConnection =
        ServerConnections.open(ServerSpec.stdio(command), Map.of(), TransportOptions.defaults());
    McpCalls childCalls = new McpCalls(childConnection);
    childCalls.initialize();
    long warmupEnd = System.nanoTime() + STDIO_MIN_WARMUP.toNanos();
    int warmed = 0;
    while (warmed < warmup || System.nanoTime() < warmupEnd) {
      child.time(100, TOOL, ARGUMENTS, expected);
      childCalls.time(100, TOOL, ARGUMENTS);
      warmed += 100;
    }
    log.printf(
        "embedded host ready: add answers %s; stdio children warmed with %d calls each%n",
        expected, warmed);
    return new EmbeddedHostPaths(
        connection, inProcess, child, childConnection, expected, initialized, firstCall);
  }

  /** Times {@code calls} calls of {@code add} in-process. */
  long[] timeInProcess(int calls) throws IOException {
    return inProcess.time(calls, TOOL, ARGUMENTS);
  }

  /** Times {@code calls} calls of {@code add} over a child's stdio, with {@link StdioClient}. */
  long[] timeStdio(int calls) throws IOException {
    return child.time(calls, TOOL, ARGUMENTS, expectedText);
  }

  /** Times {@code calls} calls of {@code add} over the other child's stdio, as the engine does. */
  long[] timeStdioConnection(int calls) throws IOException {
    return childCalls.time(calls, TOOL, ARGUMENTS);
  }

  /**
   * Nanoseconds from launching the {@code cassette host} child to its {@code initialize} answer.
   */
  long childInitializeNanos() {
    return childInitializeNanos;
  }

  /** Nanoseconds from launching the child to its first {@code add} answer. */
  long childFirstCallNanos() {
    return childFirstCallNanos;
  }

  @Override
  public void close() {
    try {
      child.close(Duration.ofSeconds(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      try {
        childConnection.close();
      } finally {
        connection.close();
      }
    }
  }
}
