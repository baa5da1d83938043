package dev.cassette.proxy.transport;

import dev.cassette.proxy.jsonrpc.JsonRpcMessage;
import dev.cassette.proxy.jsonrpc.MalformedMessageException;
import dev.cassette.proxy.launch.EmbeddedServer;
import dev.cassette.proxy.launch.EmbeddedServerOptions;
import dev.cassette.proxy.launch.EmbeddedServerProvider;
import dev.cassette.proxy.redact.Redactor;
import dev.cassette.proxy.tape.ServerSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.ServiceLoader;
import org.apiguardian.api.API;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Starts servers from a {@link ServerSpec} and parses what they send. */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ServerConnections {

  private static final int SHOWN_LINE_CHARS = 200;

  /** The embedded host's provider name; it lives in {@code dev.cassette:wasm-host}. */
  private static final String WASSETTE = "wassette";

  private ServerConnections() {}

  /**
   * Starts the server a spec names and connects to it line by line.
   *
   * @param spec the server: {@code stdio} (a child process, whose command's {@code ${secret:NAME}}
   *     placeholders get the value of the variable {@code NAME} it is given or inherits), {@code
   *     embedded} (found through {@link EmbeddedServerProvider} by {@code embedded.name}); {@code
   *     http} is not supported yet
   * @param environment variables for the server (added to the inherited ones for a child); values
   *     are secrets and never appear in messages
   * @param options framing, timeouts and shutdown
   * @return the connection; the caller closes it
   * @throws IOException if the server cannot start; the message says why
   */
  public static ServerConnection open(
      ServerSpec spec, Map<String, String> environment, TransportOptions options)
      throws IOException {
    Objects.requireNonNull(options, "options");
    return connect(launch(spec, environment, options), options);
  }

  /**
   * Connects line by line to a server already launched; the connection owns it from now on.
   *
   * @param server a started server, for example {@link ChildProcess#start}'s
   * @param options line limit and timeouts
   * @return the connection; closing it stops the server
   */
  public static ServerConnection connect(LaunchedServer server, TransportOptions options) {
    Objects.requireNonNull(server, "server");
    Objects.requireNonNull(options, "options");
    return new LineServerConnection(server, options);
  }

  /**
   * Starts the server a spec names, as raw streams (for the session pump).
   *
   * @see #open(ServerSpec, Map, TransportOptions)
   */
  public static LaunchedServer launch(
      ServerSpec spec, Map<String, String> environment, TransportOptions options)
      throws IOException {
    return launch(spec, environment, options, null);
  }

  /**
   * Starts the server a spec names, as raw streams, copying a child process's stderr as it arrives
   * to {@code stderrCopy} (for {@code cassette record}, so the client still sees the server's log).
   *
   * @param stderrCopy where a child's stderr is copied, or {@code null}
   * @see #launch(ServerSpec, Map, TransportOptions)
   */
  public static LaunchedServer launch(
      ServerSpec spec,
      Map<String, String> environment,
      TransportOptions options,
      OutputStream stderrCopy)
      throws IOException {
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(environment, "environment");
    Objects.requireNonNull(options, "options");
    switch (spec.transport()) {
      case ServerSpec.STDIO:
        if (spec.command().isEmpty()) {
          throw new IOException("cannot start server: the stdio server spec has no command");
        }
        Path directory = spec.workingDirectory() == null ? null : Path.of(spec.workingDirectory());
        return ChildProcess.start(
            withSecrets(spec.command(), environment), environment, directory, options, stderrCopy);
      case ServerSpec.EMBEDDED:
        return startEmbedded(spec.embedded(), environment);
      case ServerSpec.HTTP:
        throw new IOException(
            "cannot connect to server '"
                + spec.url()
                + "': HTTP transport arrives in a later release");
      default:
        throw new IOException(
            "cannot start server: unknown transport '"
                + spec.transport()
                + "' (expected stdio, embedded or http)");
    }
  }

  /**
   * The command with each {@code ${secret:NAME}} (as recording leaves for a sensitive option's
   * value) replaced by the variable {@code NAME} the child gets: from {@code environment}, else
   * inherited; a placeholder of a variable it does not get stays as it is.
   */
  private static List<String> withSecrets(List<String> command, Map<String, String> environment) {
    if (command.stream().noneMatch(argument -> argument.contains("${secret:"))) {
      return command;
    }
    Map<String, String> variables = new HashMap<>(System.getenv());
    variables.putAll(environment);
    return command.stream().map(argument -> Redactor.restore(argument, variables)).toList();
  }

  private static LaunchedServer startEmbedded(ObjectNode embedded, Map<String, String> environment)
      throws IOException {
    if (embedded == null || embedded.get("name") == null || !embedded.get("name").isString()) {
      throw new IOException(
          "cannot start embedded server: the server spec names none (embedded.name)");
    }
    String name = embedded.get("name").asString();
    Map<String, String> settings = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> field : embedded.properties()) {
      if (!field.getKey().equals("name")) {
        JsonNode value = field.getValue();
        settings.put(field.getKey(), value.isValueNode() ? value.asString() : value.toString());
      }
    }
    EmbeddedServerProvider provider = findProvider(name);
    EmbeddedServer server = provider.start(new EmbeddedServerOptions(settings, environment));
    if (server == null) {
      throw new IOException(
          "cannot start embedded server '" + name + "': its provider returned none");
    }
    return new EmbeddedLaunchedServer(server, name);
  }

  private static EmbeddedServerProvider findProvider(String name) throws IOException {
    List<String> known = new ArrayList<>();
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    if (loader == null) {
      loader = ServerConnections.class.getClassLoader();
    }
    for (EmbeddedServerProvider provider :
        ServiceLoader.load(EmbeddedServerProvider.class, loader)) {
      if (provider.name().equals(name)) {
        return provider;
      }
      known.add(provider.name());
    }
    throw new IOException(
        "cannot start embedded server '"
            + name
            + "': no EmbeddedServerProvider of that name on the class path (found: "
            + (known.isEmpty() ? "none" : String.join(", ", known))
            + ")"
            + dependencyHint(name));
  }

  /** For a provider Cassette ships, where to get it: {@code wassette} is in {@code wasm-host}. */
  private static String dependencyHint(String name) {
    if (!WASSETTE.equals(name)) {
      return "";
    }
    return "; add the dependency dev.cassette:wasm-host:" + cassetteVersion() + " (test scope)";
  }

  /** The version of the Cassette artifacts, from the filtered {@code cassette.properties}. */
  private static String cassetteVersion() {
    Properties properties = new Properties();
    try (InputStream in =
        ServerConnections.class.getResourceAsStream("/dev/cassette/proxy/cassette.properties")) {
      if (in != null) {
        properties.load(in);
      }
    } catch (IOException e) {
      // fall through to the placeholder: the hint still names the artifact
    }
    return properties.getProperty("version", "<version>");
  }

  /**
   * Parses a line a peer sent as a JSON-RPC message.
   *
   * @param line the line's bytes
   * @param source who sent it, for the message (for example {@code "server 'node'"})
   * @return the message
   * @throws MalformedMessageException naming the source, the reason and the line (shortened to 200
   *     characters)
   */
  public static JsonRpcMessage parseMessage(byte[] line, String source) {
    Objects.requireNonNull(line, "line");
    Objects.requireNonNull(source, "source");
    try {
      return JsonRpcMessage.parse(line);
    } catch (MalformedMessageException e) {
      throw new MalformedMessageException(
          source
              + " sent a line that is not a JSON-RPC message ("
              + e.getMessage()
              + "): "
              + shown(line),
          e);
    }
  }

  static String shown(byte[] line) {
    String text = new String(line, StandardCharsets.UTF_8);
    if (text.length() <= SHOWN_LINE_CHARS) {
      return text;
    }
    return text.substring(0, SHOWN_LINE_CHARS) + "… (" + line.length + " bytes)";
  }
}
