package dev.cassette.host.wasm;

import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.ValType;
import dev.cassette.host.policy.NetworkGrant;
import dev.cassette.proxy.jsonrpc.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.function.Supplier;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code cassette.http_fetch} import: checks the request and its URL against the policy's
 * network allow-list, performs it with {@link HttpClient} within a bounded time, reads at most
 * {@link #bodyLimit(long)} bytes of the response body, and hands the response (or {@code {"error":
 * ...}}) back through the guest's own {@code cassette_alloc}.
 */
final class HttpFetch {
  static final String MODULE = "cassette";
  static final String NAME = "http_fetch";

  /** The largest response body the host reads for a guest, whatever its memory limit: 32 MiB. */
  static final long MAX_BODY_BYTES = 32L << 20;

  private final List<NetworkGrant> grants;
  private final Supplier<HttpClient> client;
  private final Duration timeout;
  private final long memoryLimit;

  /**
   * @param memoryLimit the guest's memory cap in bytes: bounds the response body and the response
   *     document handed to the guest
   */
  HttpFetch(
      List<NetworkGrant> grants, Supplier<HttpClient> client, Duration timeout, long memoryLimit) {
    this.grants = grants;
    this.client = client;
    this.timeout = timeout;
    this.memoryLimit = memoryLimit;
  }

  /** The body limit for a guest with a memory cap of {@code memoryLimit} bytes. */
  static long bodyLimit(long memoryLimit) {
    return Math.min(memoryLimit, MAX_BODY_BYTES);
  }

  HostFunction function() {
    return new HostFunction(
        MODULE,
        NAME,
        FunctionType.of(List.of(ValType.I32, ValType.I32), List.of(ValType.I64)),
        this::handle);
  }

  private long[] handle(Instance instance, long... args) {
    String request =
        GuestMemory.readString(
            instance.memory(),
            GuestMemory.unsigned(args[0]),
            GuestMemory.unsigned(args[1]),
            NAME,
            "request");
    ObjectNode response = fetch(request);
    byte[] bytes = Json.compactBytes(response);
    if (bytes.length > memoryLimit) {
      bytes =
          Json.compactBytes(
              error(
                  "the response document of "
                      + bytes.length
                      + " bytes exceeds the memory limit of "
                      + memoryLimit
                      + " bytes"));
    }
    long ptr = GuestMemory.unsigned(instance.export("cassette_alloc").apply(bytes.length)[0]);
    if (ptr == 0) {
      return new long[] {0};
    }
    GuestMemory.write(instance.memory(), ptr, bytes, NAME, "response block from cassette_alloc");
    return new long[] {(ptr << 32) | bytes.length};
  }

  ObjectNode fetch(String requestJson) {
    HttpFetchRequest request;
    try {
      request = HttpFetchRequest.parse(requestJson);
    } catch (HttpFetchRequest.Invalid e) {
      return error("invalid http_fetch request: " + e.getMessage());
    }
    URI url = request.url();
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") || url.getHost() == null) {
      return error("unsupported URL: " + url);
    }
    if (grants.stream().noneMatch(grant -> grant.allows(url))) {
      return error("network access to " + url.getHost() + " denied by policy");
    }
    HttpRequest built;
    try {
      built = build(request);
    } catch (IllegalArgumentException e) {
      return error("invalid http_fetch request: " + e.getMessage());
    }
    try {
      return perform(built, url.getHost());
    } catch (IOException e) {
      return error("request to " + url.getHost() + " failed: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return error("request to " + url.getHost() + " interrupted");
    }
  }

  private HttpRequest build(HttpFetchRequest request) {
    HttpRequest.BodyPublisher publisher =
        request.body() == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(request.body(), StandardCharsets.UTF_8);
    HttpRequest.Builder builder = HttpRequest.newBuilder(request.url()).timeout(timeout);
    request.headers().forEach(builder::header);
    return builder.method(request.method(), publisher).build();
  }

  private ObjectNode perform(HttpRequest request, String host)
      throws IOException, InterruptedException {
    HttpResponse<InputStream> response =
        client.get().send(request, HttpResponse.BodyHandlers.ofInputStream());
    long limit = bodyLimit(memoryLimit);
    byte[] body = readBody(response, limit);
    if (body == null) {
      return error("response from " + host + " exceeds the body limit of " + limit + " bytes");
    }
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
    result.put("body", new String(body, StandardCharsets.UTF_8));
    return result;
  }

  /**
   * The body, read as a stream and closed (which cancels the rest of the exchange) as soon as it is
   * known to be longer than {@code limit}; {@code null} then.
   */
  private static byte[] readBody(HttpResponse<InputStream> response, long limit)
      throws IOException {
    try (InputStream in = response.body()) {
      OptionalLong declared = response.headers().firstValueAsLong("content-length");
      if (declared.isPresent() && declared.getAsLong() > limit) {
        return null;
      }
      byte[] body = in.readNBytes((int) limit + 1);
      return body.length > limit ? null : body;
    }
  }

  private static ObjectNode error(String message) {
    return Json.mapper().createObjectNode().put("error", message);
  }
}
