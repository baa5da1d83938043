package dev.cassette.host.wasm;

import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.ValType;
import dev.cassette.host.policy.NetworkGrant;
import dev.cassette.proxy.jsonrpc.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code cassette.http_fetch} import: checks the URL against the policy's network allow-list,
 * performs the request with {@link HttpClient} within a bounded time, and hands the response (or
 * {@code {"error": ...}}) back through the guest's own {@code cassette_alloc}.
 */
final class HttpFetch {
  static final String MODULE = "cassette";
  static final String NAME = "http_fetch";

  private final List<NetworkGrant> grants;
  private final Supplier<HttpClient> client;
  private final Duration timeout;

  HttpFetch(List<NetworkGrant> grants, Supplier<HttpClient> client, Duration timeout) {
    this.grants = grants;
    this.client = client;
    this.timeout = timeout;
  }

  HostFunction function() {
    return new HostFunction(
        MODULE,
        NAME,
        FunctionType.of(List.of(ValType.I32, ValType.I32), List.of(ValType.I64)),
        this::handle);
  }

  private long[] handle(Instance instance, long... args) {
    String request = instance.memory().readString((int) args[0], (int) args[1]);
    ObjectNode response = fetch(request);
    byte[] bytes = Json.compactBytes(response);
    long ptr = instance.export("cassette_alloc").apply(bytes.length)[0];
    if (ptr == 0) {
      return new long[] {0};
    }
    instance.memory().write((int) ptr, bytes);
    return new long[] {(ptr << 32) | bytes.length};
  }

  ObjectNode fetch(String requestJson) {
    JsonNode request;
    URI url;
    try {
      request = Json.mapper().readTree(requestJson);
      url = URI.create(request.path("url").asString(""));
    } catch (JacksonException | IllegalArgumentException e) {
      return error("invalid http_fetch request: " + e.getMessage());
    }
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") || url.getHost() == null) {
      return error("unsupported URL: " + url);
    }
    if (grants.stream().noneMatch(grant -> grant.allows(url))) {
      return error("network access to " + url.getHost() + " denied by policy");
    }
    try {
      return perform(request, url);
    } catch (IOException e) {
      return error("request to " + url.getHost() + " failed: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return error("request to " + url.getHost() + " interrupted");
    }
  }

  private ObjectNode perform(JsonNode request, URI url) throws IOException, InterruptedException {
    String method = request.path("method").asString("GET").toUpperCase(Locale.ROOT);
    JsonNode body = request.get("body");
    HttpRequest.BodyPublisher publisher =
        body == null || body.isNull()
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body.asString(), StandardCharsets.UTF_8);
    HttpRequest.Builder builder = HttpRequest.newBuilder(url).timeout(timeout);
    for (Map.Entry<String, JsonNode> header : request.path("headers").properties()) {
      builder.header(header.getKey(), header.getValue().asString());
    }
    HttpResponse<String> response =
        client
            .get()
            .send(
                builder.method(method, publisher).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    ObjectNode result = Json.mapper().createObjectNode();
    result.put("status", response.statusCode());
    ObjectNode headers = result.putObject("headers");
    response
        .headers()
        .map()
        .forEach(
            (name, values) -> {
              if (!values.isEmpty() && !name.startsWith(":")) {
                headers.put(name.toLowerCase(Locale.ROOT), values.get(0));
              }
            });
    result.put("body", response.body());
    return result;
  }

  private static ObjectNode error(String message) {
    return Json.mapper().createObjectNode().put("error", message);
  }
}
