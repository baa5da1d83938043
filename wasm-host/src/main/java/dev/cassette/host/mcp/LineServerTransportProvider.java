package dev.cassette.host.mcp;

import dev.cassette.proxy.transport.LineReader;
import dev.cassette.proxy.transport.LineTooLongException;
import dev.cassette.proxy.transport.TransportOptions;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCMessage;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCRequest;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCResponse;
import io.modelcontextprotocol.spec.McpServerSession;
import io.modelcontextprotocol.spec.McpServerTransport;
import io.modelcontextprotocol.spec.McpServerTransportProvider;
import io.modelcontextprotocol.spec.ProtocolVersions;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.apiguardian.api.API;
import reactor.core.publisher.Mono;

/**
 * A single-session MCP server transport over newline-delimited JSON-RPC streams (stdio, or the
 * in-process pipes of the embedded host).
 *
 * <p>Unlike the SDK's stdio provider it reads on one daemon thread and writes synchronously in call
 * order (so a notification sent inside a tool handler precedes that call's response), answers a
 * malformed line with a JSON-RPC parse error instead of stopping, gives the SDK's answers the forms
 * real Wassette gives ({@link WassetteReplies}: capabilities, tool order, unknown tools and
 * methods; {@code logging/setLevel} is answered as an unknown method, as Wassette answers it), and
 * can fold the tool-list notifications of several tool changes into one ({@link
 * #withOneToolListNotification(Runnable)}).
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class LineServerTransportProvider implements McpServerTransportProvider {
  private static final String TOOLS_CHANGED = McpSchema.METHOD_NOTIFICATION_TOOLS_LIST_CHANGED;
  private static final String SET_LEVEL = McpSchema.METHOD_LOGGING_SET_LEVEL;
  private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(30);

  /**
   * The longest line accepted from the client, in bytes (the recorder's default, {@link
   * TransportOptions#maxLineBytes()}); a longer one is answered with a parse error without being
   * held in memory.
   */
  public static final int MAX_LINE_BYTES = TransportOptions.defaults().maxLineBytes();

  /** The longest a message after {@code initialize} waits for the server to be ready. */
  public static final Duration READY_TIMEOUT = Duration.ofMinutes(5);

  private static final String PARSE_ERROR_RESPONSE =
      "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32700,\"message\":\"Parse error\"}}";

  private final McpJsonMapper mapper;
  private final InputStream input;
  private final OutputStream output;
  private final Consumer<String> diagnostics;
  private final AtomicBoolean closing = new AtomicBoolean();
  private final CompletableFuture<Void> terminated = new CompletableFuture<>();
  private final Map<Object, WassetteReplies.Pending> pending = new ConcurrentHashMap<>();
  private final Set<Object> unanswered = ConcurrentHashMap.newKeySet();
  private final ThreadLocal<boolean[]> batching = new ThreadLocal<>();
  private final CompletionStage<Void> ready;
  private final WassetteReplies replies;
  private volatile McpServerSession session;

  /**
   * A provider over {@code input} and {@code output} that handles every message at once.
   *
   * @param diagnostics receives one line per problem (never message contents)
   */
  public LineServerTransportProvider(
      McpJsonMapper mapper, InputStream input, OutputStream output, Consumer<String> diagnostics) {
    this(mapper, input, output, diagnostics, CompletableFuture.completedFuture(null), List.of());
  }

  /**
   * A provider over {@code input} and {@code output} that answers {@code initialize} at once but
   * handles any later message only once {@code ready} has completed (for at most {@link
   * #READY_TIMEOUT}), so a server can finish its setup while the client starts.
   *
   * @param diagnostics receives one line per problem (never message contents)
   * @param listedLast tools that {@code tools/list} answers after all others (Wassette lists its
   *     built-in tools after the components' tools)
   */
  public LineServerTransportProvider(
      McpJsonMapper mapper,
      InputStream input,
      OutputStream output,
      Consumer<String> diagnostics,
      CompletionStage<Void> ready,
      List<String> listedLast) {
    this.mapper = java.util.Objects.requireNonNull(mapper, "mapper");
    this.input = java.util.Objects.requireNonNull(input, "input");
    this.output = java.util.Objects.requireNonNull(output, "output");
    this.diagnostics = java.util.Objects.requireNonNull(diagnostics, "diagnostics");
    this.ready = java.util.Objects.requireNonNull(ready, "ready");
    this.replies = new WassetteReplies(listedLast);
  }

  @Override
  public List<String> protocolVersions() {
    return List.of(
        ProtocolVersions.MCP_2024_11_05,
        ProtocolVersions.MCP_2025_03_26,
        ProtocolVersions.MCP_2025_06_18,
        ProtocolVersions.MCP_2025_11_25);
  }

  @Override
  public void setSessionFactory(McpServerSession.Factory sessionFactory) {
    session = sessionFactory.create(new SessionTransport());
    Thread reader = new Thread(this::readLoop, "wasm-host-mcp-in");
    reader.setDaemon(true);
    reader.start();
  }

  /** Completes when the input has ended (or failed) and the session is closed. */
  public CompletableFuture<Void> terminated() {
    return terminated;
  }

  /**
   * Runs {@code change} (tool additions and removals on this thread) and sends a single {@code
   * notifications/tools/list_changed} afterwards if it caused any.
   */
  public void withOneToolListNotification(Runnable change) {
    boolean[] pending = {false};
    batching.set(pending);
    try {
      change.run();
    } finally {
      batching.remove();
      if (pending[0]) {
        notifyClients(TOOLS_CHANGED, null).block();
      }
    }
  }

  /**
   * Runs {@code change} (tool additions and removals on this thread) without sending {@code
   * notifications/tools/list_changed}: for tools published before any client could have listed
   * them.
   */
  public void withoutToolListNotification(Runnable change) {
    batching.set(new boolean[] {false});
    try {
      change.run();
    } finally {
      batching.remove();
    }
  }

  /**
   * Sends {@code notifications/tools/list_changed} now (or folds it into the running batch), as
   * Wassette does after an unload even when no tool changed.
   */
  public void notifyToolListChanged() {
    notifyClients(TOOLS_CHANGED, null).block();
  }

  @Override
  public Mono<Void> notifyClients(String method, Object params) {
    boolean[] pending = batching.get();
    if (pending != null && TOOLS_CHANGED.equals(method)) {
      pending[0] = true;
      return Mono.empty();
    }
    McpServerSession current = session;
    return current == null ? Mono.empty() : current.sendNotification(method, params);
  }

  @Override
  public Mono<Void> closeGracefully() {
    return Mono.fromRunnable(this::close);
  }

  @Override
  public void close() {
    if (closing.compareAndSet(false, true)) {
      try {
        input.close();
      } catch (IOException e) {
        diagnostics.accept("closing input failed: " + e);
      }
    }
  }

  private void readLoop() {
    LineReader reader = new LineReader(input, "client", MAX_LINE_BYTES);
    try {
      while (true) {
        byte[] line;
        try {
          line = reader.readLine();
        } catch (LineTooLongException e) {
          diagnostics.accept(e.getMessage() + "; answered -32700");
          writeLine(PARSE_ERROR_RESPONSE);
          continue;
        }
        if (line == null) {
          break;
        }
        String text = new String(line, StandardCharsets.UTF_8);
        if (!text.isBlank()) {
          try {
            dispatch(text);
          } catch (RuntimeException e) {
            diagnostics.accept("dispatching a message failed: " + e);
          }
        }
      }
    } catch (IOException e) {
      if (!closing.get()) {
        diagnostics.accept("reading input failed: " + e);
      }
    } finally {
      try {
        input.close();
      } catch (IOException e) {
        diagnostics.accept("closing input failed: " + e);
      }
      awaitUnanswered();
      closing.set(true);
      McpServerSession current = session;
      if (current != null) {
        current.close();
      }
      terminated.complete(null);
    }
  }

  private void dispatch(String line) {
    JSONRPCMessage message;
    try {
      message = McpSchema.deserializeJsonRpcMessage(mapper, line);
    } catch (IOException | RuntimeException e) {
      diagnostics.accept("malformed JSON-RPC line (" + line.length() + " chars) answered -32700");
      writeLine(PARSE_ERROR_RESPONSE);
      return;
    }
    if (!(message instanceof JSONRPCRequest request
        && McpSchema.METHOD_INITIALIZE.equals(request.method()))) {
      awaitReady();
    }
    if (message instanceof JSONRPCRequest request && request.id() != null) {
      if (SET_LEVEL.equals(request.method())) {
        write(WassetteReplies.methodNotFound(request.id(), request.method()));
        return;
      }
      unanswered.add(request.id());
      String tool =
          McpSchema.METHOD_TOOLS_CALL.equals(request.method())
                  && request.params() instanceof Map<?, ?> params
                  && params.get("name") instanceof String name
              ? name
              : null;
      pending.put(request.id(), new WassetteReplies.Pending(request.method(), tool));
    }
    session
        .handle(message)
        .subscribe(
            null, error -> diagnostics.accept("handling a message failed: " + error.getMessage()));
  }

  /** Waits (on the reader thread, so messages keep their order) until the server is ready. */
  private void awaitReady() {
    CompletableFuture<Void> future = ready.toCompletableFuture();
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    while (!future.isDone() && !closing.get()) {
      if (System.nanoTime() >= deadline) {
        diagnostics.accept("not ready after " + READY_TIMEOUT + "; handling messages anyway");
        return;
      }
      try {
        future.get(100, TimeUnit.MILLISECONDS);
      } catch (TimeoutException | ExecutionException e) {
        // checked again above: done (even exceptionally) ends the wait
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /**
   * At the end of input (or a read failure), requests already read are still answered (as a stdio
   * server should) before the session closes, for at most {@link #DRAIN_TIMEOUT}; not when the
   * provider itself was closed.
   */
  private void awaitUnanswered() {
    long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
    synchronized (unanswered) {
      while (!unanswered.isEmpty() && System.nanoTime() < deadline && !closing.get()) {
        try {
          unanswered.wait(50);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  /** Marks a request answered once its response has been written. */
  private void answered(JSONRPCMessage message) {
    if (message instanceof JSONRPCResponse response
        && response.id() != null
        && unanswered.remove(response.id())) {
      synchronized (unanswered) {
        unanswered.notifyAll();
      }
    }
  }

  private JSONRPCMessage rewrite(JSONRPCMessage message) {
    if (!(message instanceof JSONRPCResponse response) || response.id() == null) {
      return message;
    }
    return replies.rewrite(response, pending.remove(response.id()));
  }

  private void write(JSONRPCMessage message) {
    String json;
    try {
      json = mapper.writeValueAsString(message);
    } catch (IOException e) {
      diagnostics.accept("cannot serialise an outgoing message: " + e.getMessage());
      return;
    }
    writeLine(json);
  }

  private void writeLine(String json) {
    byte[] bytes = (json + "\n").getBytes(StandardCharsets.UTF_8);
    synchronized (output) {
      try {
        output.write(bytes);
        output.flush();
      } catch (IOException e) {
        if (!closing.get()) {
          diagnostics.accept("writing output failed: " + e);
        }
      }
    }
  }

  private final class SessionTransport implements McpServerTransport {
    @Override
    public Mono<Void> sendMessage(JSONRPCMessage message) {
      return Mono.fromRunnable(
          () -> {
            try {
              write(rewrite(message));
            } finally {
              answered(message);
            }
          });
    }

    @Override
    public <T> T unmarshalFrom(Object data, TypeRef<T> typeRef) {
      return mapper.convertValue(data, typeRef);
    }

    @Override
    public Mono<Void> closeGracefully() {
      return Mono.fromRunnable(LineServerTransportProvider.this::close);
    }

    @Override
    public void close() {
      LineServerTransportProvider.this.close();
    }
  }
}
