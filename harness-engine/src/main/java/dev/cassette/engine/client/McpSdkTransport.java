package dev.cassette.engine.client;

import dev.cassette.proxy.transport.ServerConnection;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apiguardian.api.API;
import reactor.core.publisher.Mono;

/**
 * An MCP Java SDK client transport over a Cassette {@link ServerConnection}, so that {@code
 * McpClient.sync(transport)} talks to a live server through Cassette's tap, or to a tape.
 *
 * <p>Messages are sent in the order {@link #sendMessage} is subscribed and handed to the SDK in the
 * order they arrive, from one reader thread. Requires {@code io.modelcontextprotocol.sdk:mcp} on
 * the class path (an optional dependency of harness-engine).
 *
 * <pre>{@code
 * McpSyncClient client = McpClient.sync(new McpSdkTransport(connection)).build();
 * client.initialize();
 * }</pre>
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class McpSdkTransport implements McpClientTransport {

  private static final Duration POLL = Duration.ofMillis(100);

  private final ServerConnection connection;
  private final McpJsonMapper mapper;
  private volatile Consumer<Throwable> exceptionHandler = error -> {};
  private volatile boolean closing;
  private Thread reader;

  /** A transport with the SDK's default JSON mapper. */
  public McpSdkTransport(ServerConnection connection) {
    this(connection, McpJsonDefaults.getMapper());
  }

  /** A transport with a JSON mapper of your own. */
  public McpSdkTransport(ServerConnection connection, McpJsonMapper mapper) {
    this.connection = Objects.requireNonNull(connection, "connection");
    this.mapper = Objects.requireNonNull(mapper, "mapper");
  }

  @Override
  public synchronized Mono<Void> connect(
      Function<Mono<McpSchema.JSONRPCMessage>, Mono<McpSchema.JSONRPCMessage>> handler) {
    Objects.requireNonNull(handler, "handler");
    if (reader != null) {
      return Mono.error(new IllegalStateException("McpSdkTransport is already connected"));
    }
    reader = new Thread(() -> readLoop(handler), "cassette-sdk-transport-reader");
    reader.setDaemon(true);
    reader.start();
    return Mono.empty();
  }

  private void readLoop(
      Function<Mono<McpSchema.JSONRPCMessage>, Mono<McpSchema.JSONRPCMessage>> handler) {
    while (!closing) {
      byte[] line;
      try {
        line = connection.receive(POLL);
      } catch (IOException e) {
        if (!closing) {
          exceptionHandler.accept(e);
        }
        return;
      }
      if (line == null) {
        continue;
      }
      McpSchema.JSONRPCMessage message;
      try {
        message =
            McpSchema.deserializeJsonRpcMessage(mapper, new String(line, StandardCharsets.UTF_8));
      } catch (IOException | RuntimeException e) {
        exceptionHandler.accept(e);
        continue;
      }
      handler.apply(Mono.just(message)).subscribe(reply -> {}, exceptionHandler);
    }
  }

  @Override
  public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message) {
    return Mono.fromCallable(
            () -> {
              synchronized (connection) {
                connection.send(mapper.writeValueAsBytes(message));
              }
              return message;
            })
        .then();
  }

  @Override
  public Mono<Void> closeGracefully() {
    return Mono.fromRunnable(this::close);
  }

  @Override
  public void close() {
    closing = true;
    Thread running;
    synchronized (this) {
      running = reader;
    }
    if (running != null && running != Thread.currentThread()) {
      try {
        running.join(POLL.toMillis() * 5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    connection.close();
  }

  @Override
  public void setExceptionHandler(Consumer<Throwable> handler) {
    this.exceptionHandler = Objects.requireNonNull(handler, "handler");
  }

  @Override
  public <T> T unmarshalFrom(Object data, TypeRef<T> type) {
    return mapper.convertValue(data, type);
  }
}
