package dev.cassette.engine.client;

import dev.cassette.proxy.jsonrpc.Json;
import dev.cassette.proxy.transport.ServerConnection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apiguardian.api.API;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A small synchronous MCP client over a {@link ServerConnection}: what a {@code @Tape} test needs
 * to drive a server, and nothing an SDK would hide from it.
 *
 * <p>Every call waits at most {@link Builder#requestTimeout(Duration)} and returns the response's
 * {@code result} as JSON; a JSON-RPC error becomes {@link McpErrorException}. Server notifications
 * collect in an inbox ({@link #notifications()}, {@link #awaitNotification(String, Duration)});
 * server requests are answered by a {@link ServerRequestHandler}.
 *
 * <p>Map arguments ({@link #callTool}, {@link #getPrompt}) are sent with their keys sorted, at
 * every depth (a {@link java.util.SortedMap} keeps its own order), so a test gives the same request
 * bytes, and the same tape, on every run whatever map it used: {@code Map.of} iterates in an order
 * that changes from one JVM to the next.
 *
 * <pre>{@code
 * try (CassetteClient client = CassetteClient.builder(connection).build()) {
 *   client.initialize();
 *   JsonNode result = client.callTool("echo", Map.of("message", "hi"));
 * }
 * }</pre>
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class CassetteClient implements AutoCloseable {

  /** The protocol version {@link #initialize()} asks for unless told otherwise. */
  public static final String DEFAULT_PROTOCOL_VERSION = "2025-06-18";

  /** Converts arguments to JSON with map keys sorted. */
  private static final JsonMapper ARGUMENTS =
      Json.mapper().rebuild().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();

  private final ServerConnection connection;
  private final Settings settings;
  private final NotificationInbox inbox = new NotificationInbox();
  private final ClientChannel channel;
  private volatile JsonNode initializeResult;

  private CassetteClient(ServerConnection connection, Settings settings) {
    this.connection = connection;
    this.settings = settings;
    this.channel = new ClientChannel(connection, settings.handler(), inbox);
  }

  /** What a built client keeps of its builder; later changes to the builder do not reach it. */
  private record Settings(
      String protocolVersion,
      String clientName,
      String clientVersion,
      ObjectNode capabilities,
      Duration requestTimeout,
      ServerRequestHandler handler) {}

  /** A client over a connection, with defaults; see {@link Builder}. */
  public static CassetteClient over(ServerConnection connection) {
    return builder(connection).build();
  }

  /** Starts building a client over a connection. */
  public static Builder builder(ServerConnection connection) {
    return new Builder(Objects.requireNonNull(connection, "connection"));
  }

  /**
   * Performs the handshake: {@code initialize}, then {@code notifications/initialized}.
   *
   * @return the server's initialize result (protocol version, capabilities, serverInfo)
   */
  public JsonNode initialize() {
    ObjectNode params = Json.mapper().createObjectNode();
    params.put("protocolVersion", settings.protocolVersion());
    params.set("capabilities", settings.capabilities().deepCopy());
    params
        .putObject("clientInfo")
        .put("name", settings.clientName())
        .put("version", settings.clientVersion());
    JsonNode result = request("initialize", params);
    notify("notifications/initialized", null);
    initializeResult = result;
    return result;
  }

  /** The result of {@link #initialize()}, or {@code null} before it. */
  public JsonNode initializeResult() {
    return initializeResult;
  }

  /** {@code tools/list}: the result with its {@code tools} array (first page). */
  public JsonNode listTools() {
    return request("tools/list", null);
  }

  /**
   * {@code tools/call}.
   *
   * @param name the tool's name
   * @param arguments the arguments, converted to JSON with Jackson, map keys sorted
   * @return the call result ({@code content}, {@code structuredContent}, {@code isError})
   */
  public JsonNode callTool(String name, Map<String, ?> arguments) {
    Objects.requireNonNull(name, "name");
    ObjectNode params = Json.mapper().createObjectNode();
    params.put("name", name);
    params.set("arguments", arguments(arguments));
    return request("tools/call", params);
  }

  /** {@code resources/read} of one URI. */
  public JsonNode readResource(String uri) {
    Objects.requireNonNull(uri, "uri");
    return request("resources/read", Json.mapper().createObjectNode().put("uri", uri));
  }

  /** {@code prompts/get} with string arguments (sent with their keys sorted). */
  public JsonNode getPrompt(String name, Map<String, String> arguments) {
    Objects.requireNonNull(name, "name");
    ObjectNode params = Json.mapper().createObjectNode().put("name", name);
    params.set("arguments", arguments(arguments));
    return request("prompts/get", params);
  }

  private static JsonNode arguments(Map<String, ?> arguments) {
    return ARGUMENTS.valueToTree(arguments == null ? Map.of() : arguments);
  }

  /** {@code ping}. */
  public void ping() {
    request("ping", null);
  }

  /**
   * Sends any request and waits for its result.
   *
   * @param method the method
   * @param params the params, or {@code null} for none
   * @return the response's {@code result}
   * @throws McpErrorException when the server answers with an error
   * @throws UncheckedIOException when the connection fails or no response comes in time
   */
  public JsonNode request(String method, JsonNode params) {
    Objects.requireNonNull(method, "method");
    CompletableFuture<JsonNode> pending;
    try {
      pending = channel.request(method, params);
    } catch (IOException e) {
      throw new UncheckedIOException(method + " could not be sent: " + e.getMessage(), e);
    }
    JsonNode response = await(method, pending);
    JsonNode error = response.get("error");
    if (error != null) {
      throw new McpErrorException(
          error.path("code").asInt(), error.path("message").asString(""), error.get("data"));
    }
    return response.get("result");
  }

  /** Sends a notification. */
  public void notify(String method, JsonNode params) {
    Objects.requireNonNull(method, "method");
    try {
      channel.notify(method, params);
    } catch (IOException e) {
      throw new UncheckedIOException(method + " could not be sent: " + e.getMessage(), e);
    }
  }

  /** Every notification the server sent so far, in arrival order. */
  public List<JsonNode> notifications() {
    return inbox.all();
  }

  /**
   * Waits for the next notification with a method that no earlier call returned.
   *
   * @throws AssertionError when none arrives within the timeout; the message lists what did arrive
   */
  public JsonNode awaitNotification(String method, Duration timeout) {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(timeout, "timeout");
    try {
      JsonNode found = inbox.await(method, timeout);
      if (found == null) {
        throw new AssertionError(
            "no "
                + method
                + " notification within "
                + timeout
                + "; received: "
                + methodsReceived());
      }
      return found;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting for " + method, e);
    }
  }

  /** Oddities seen on the wire (lines that were not JSON-RPC, unknown response ids). */
  public List<String> problems() {
    return inbox.problems();
  }

  /** Stops the reader; the connection is closed too. */
  @Override
  public void close() {
    channel.close();
    connection.close();
  }

  private JsonNode await(String method, CompletableFuture<JsonNode> pending) {
    try {
      return pending.get(settings.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new UncheckedIOException(
          new IOException(
              "no response to " + method + " within " + settings.requestTimeout() + diagnostics()));
    } catch (ExecutionException e) {
      throw new UncheckedIOException(
          new IOException(method + " failed: " + e.getCause().getMessage(), e.getCause()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UncheckedIOException(new IOException("interrupted waiting for " + method, e));
    }
  }

  private String diagnostics() {
    String tail = connection.diagnosticsTail();
    return tail == null || tail.isBlank() ? "" : "\n--- server diagnostics ---\n" + tail;
  }

  private String methodsReceived() {
    List<String> methods = inbox.all().stream().map(n -> n.path("method").asString("?")).toList();
    return methods.isEmpty() ? "nothing" : String.join(", ", methods);
  }

  /** Settings of a {@link CassetteClient}; every one has a default. */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public static final class Builder {
    private final ServerConnection connection;
    private String protocolVersion = DEFAULT_PROTOCOL_VERSION;
    private String clientName = "cassette";
    private String clientVersion = "0.1";
    private ObjectNode capabilities = Json.mapper().createObjectNode();
    private Duration requestTimeout = Duration.ofSeconds(20);
    private ServerRequestHandler handler = ServerRequestHandler.standard();

    private Builder(ServerConnection connection) {
      this.connection = connection;
    }

    /**
     * The protocol version {@code initialize} asks for (default {@value
     * #DEFAULT_PROTOCOL_VERSION}).
     */
    public Builder protocolVersion(String value) {
      this.protocolVersion = Objects.requireNonNull(value, "protocolVersion");
      return this;
    }

    /** The {@code clientInfo} name and version (default {@code cassette 0.1}). */
    public Builder clientInfo(String name, String version) {
      this.clientName = Objects.requireNonNull(name, "name");
      this.clientVersion = Objects.requireNonNull(version, "version");
      return this;
    }

    /** The client capabilities sent in {@code initialize} (default none). */
    public Builder capabilities(ObjectNode value) {
      this.capabilities = Objects.requireNonNull(value, "capabilities").deepCopy();
      return this;
    }

    /** How long each request waits for its response (default 20 s). */
    public Builder requestTimeout(Duration value) {
      Objects.requireNonNull(value, "requestTimeout");
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException("requestTimeout must be positive but was " + value);
      }
      this.requestTimeout = value;
      return this;
    }

    /** Answers server→client requests (default {@link ServerRequestHandler#standard()}). */
    public Builder serverRequestHandler(ServerRequestHandler value) {
      this.handler = Objects.requireNonNull(value, "serverRequestHandler");
      return this;
    }

    /** The client; its reader starts now. */
    public CassetteClient build() {
      return new CassetteClient(
          connection,
          new Settings(
              protocolVersion,
              clientName,
              clientVersion,
              capabilities.deepCopy(),
              requestTimeout,
              handler));
    }
  }
}
