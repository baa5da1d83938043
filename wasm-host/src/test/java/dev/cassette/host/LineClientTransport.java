package dev.cassette.host;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCMessage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/**
 * A client transport over newline-delimited JSON-RPC streams that records every raw line it
 * receives, in wire order (SDK consumers reorder notifications, so tests check order here).
 */
final class LineClientTransport implements McpClientTransport {
  private final InputStream fromServer;
  private final OutputStream toServer;
  private final McpJsonMapper mapper;
  private final List<String> received = Collections.synchronizedList(new ArrayList<>());

  LineClientTransport(InputStream fromServer, OutputStream toServer, McpJsonMapper mapper) {
    this.fromServer = fromServer;
    this.toServer = toServer;
    this.mapper = mapper;
  }

  /** The raw lines received so far, in order. */
  List<String> received() {
    synchronized (received) {
      return List.copyOf(received);
    }
  }

  @Override
  public Mono<Void> connect(Function<Mono<JSONRPCMessage>, Mono<JSONRPCMessage>> handler) {
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(new InputStreamReader(fromServer, StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                  received.add(line);
                  JSONRPCMessage message = McpSchema.deserializeJsonRpcMessage(mapper, line);
                  // the session answers server requests itself; what the handler returns is the
                  // message it handled, not something to send back
                  handler.apply(Mono.just(message)).subscribe(null, error -> {});
                }
              } catch (IOException e) {
                // the server has gone; the client's requests time out
              }
            },
            "test-client-in");
    reader.setDaemon(true);
    reader.start();
    return Mono.empty();
  }

  @Override
  public Mono<Void> sendMessage(JSONRPCMessage message) {
    return Mono.fromRunnable(
        () -> {
          try {
            byte[] line =
                (mapper.writeValueAsString(message) + "\n").getBytes(StandardCharsets.UTF_8);
            synchronized (toServer) {
              toServer.write(line);
              toServer.flush();
            }
          } catch (IOException e) {
            throw new IllegalStateException("cannot write to the server", e);
          }
        });
  }

  @Override
  public Mono<Void> closeGracefully() {
    return Mono.fromRunnable(
        () -> {
          try {
            toServer.close();
          } catch (IOException e) {
            // already closed
          }
        });
  }

  @Override
  public <T> T unmarshalFrom(Object data, TypeRef<T> typeRef) {
    return mapper.convertValue(data, typeRef);
  }
}
