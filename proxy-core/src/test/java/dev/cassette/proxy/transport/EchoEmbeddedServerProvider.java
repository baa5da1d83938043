package dev.cassette.proxy.transport;

import dev.cassette.proxy.jsonrpc.Json;
import dev.cassette.proxy.launch.EmbeddedServer;
import dev.cassette.proxy.launch.EmbeddedServerOptions;
import dev.cassette.proxy.launch.EmbeddedServerProvider;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A small in-JVM MCP-style server for transport tests: answers every request with its params, the
 * settings and the environment names it was given, over real OS pipes.
 */
public final class EchoEmbeddedServerProvider implements EmbeddedServerProvider {

  @Override
  public String name() {
    return "test-echo";
  }

  @Override
  public EmbeddedServer start(EmbeddedServerOptions options) throws IOException {
    return new Echo(options);
  }

  private static final class Echo implements EmbeddedServer {
    private final Pipe toServer = Pipe.open();
    private final Pipe fromServer = Pipe.open();
    private final OutputStream out = Channels.newOutputStream(fromServer.sink());
    private final EmbeddedServerOptions options;
    private final Thread thread;

    Echo(EmbeddedServerOptions options) throws IOException {
      this.options = options;
      thread = new Thread(this::serve, "test-echo-server");
      thread.setDaemon(true);
      thread.start();
    }

    private void serve() {
      LineReader reader =
          new LineReader(Channels.newInputStream(toServer.source()), "client", 1 << 20);
      try (out) {
        byte[] line;
        while ((line = reader.readLine()) != null) {
          JsonNode request = Json.parse(line);
          if (request.has("id") && request.has("method")) {
            ObjectNode response = Json.mapper().createObjectNode();
            response.put("jsonrpc", "2.0");
            response.set("id", request.get("id"));
            ObjectNode result = response.putObject("result");
            result.set("echo", request.get("params"));
            result.set("settings", Json.mapper().valueToTree(options.settings()));
            result.set("environment", Json.mapper().valueToTree(options.environment().keySet()));
            out.write(Json.compactBytes(response));
            out.write('\n');
            out.flush();
          }
        }
      } catch (IOException e) {
        // Closed under us: the server stops.
      }
    }

    @Override
    public InputStream fromServer() {
      return Channels.newInputStream(fromServer.source());
    }

    @Override
    public OutputStream toServer() {
      return Channels.newOutputStream(toServer.sink());
    }

    @Override
    public String diagnosticsTail() {
      return "echo server log";
    }

    @Override
    public void close() {
      try {
        toServer.sink().close();
        toServer.source().close();
        thread.join(2000);
        fromServer.sink().close();
      } catch (IOException e) {
        throw new IllegalStateException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
