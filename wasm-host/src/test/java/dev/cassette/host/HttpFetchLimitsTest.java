package dev.cassette.host;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.cassette.proxy.jsonrpc.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code cassette.http_fetch} against a local server: response bodies are read as a stream up to a
 * cap, and requests the HTTP client would refuse reach the guest as its {@code error} document.
 */
class HttpFetchLimitsTest {
  private static final int MIB = 1 << 20;
  private static final long HUGE = 80L * MIB;

  @TempDir Path componentDir;
  HttpServer server;
  HostFixture host;
  String base;

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/hello",
        exchange -> reply(exchange, "hello".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    server.createContext("/zeros", exchange -> zeros(exchange, 0));
    server.createContext("/zeros-sized", exchange -> zeros(exchange, HUGE));
    server.createContext("/zeros-3mib", exchange -> reply(exchange, new byte[3 * MIB]));
    server.start();
    base = "http://127.0.0.1:" + server.getAddress().getPort();
    HostFixture.copyGuest(componentDir, "hostile.wasm");
    Files.writeString(
        componentDir.resolve("hostile.policy.yaml"),
        "version: \"1.0\"\npermissions:\n  network:\n    allow:\n      - host: \"127.0.0.1\"\n"
            + "resources:\n  limits:\n    memory: \"16Mi\"\n");
    host = HostFixture.start(Map.of("componentDir", componentDir.toString()), Map.of());
  }

  @AfterEach
  void stop() {
    try {
      host.close();
    } finally {
      server.stop(0);
    }
  }

  private static void reply(com.sun.net.httpserver.HttpExchange exchange, byte[] body)
      throws IOException {
    exchange.sendResponseHeaders(200, body.length);
    exchange.getResponseBody().write(body);
    exchange.close();
  }

  /** Streams {@link #HUGE} bytes of zeros without holding them; chunked unless {@code length}. */
  private static void zeros(com.sun.net.httpserver.HttpExchange exchange, long length) {
    byte[] chunk = new byte[MIB];
    try (exchange) {
      exchange.sendResponseHeaders(200, length);
      OutputStream out = exchange.getResponseBody();
      for (long sent = 0; sent < HUGE; sent += chunk.length) {
        out.write(chunk);
      }
    } catch (IOException e) {
      // the client hung up after the cap, as it should
    }
  }

  private JsonNode fetch(ObjectNode request) {
    String response = host.result("raw_fetch", Map.of("request", request.toString())).asString();
    return Json.parse(response);
  }

  private ObjectNode request(String path) {
    return Json.mapper().createObjectNode().put("url", base + path);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"/zeros", "/zeros-sized"})
  void aBodyOverTheCapReachesTheGuestAsItsErrorAndTheHostKeepsServing(String path) {
    for (int i = 0; i < 3; i++) {
      assertThat(fetch(request(path)).toString())
          .isEqualTo(
              "{\"error\":\"response from 127.0.0.1 exceeds the body limit of 16777216 bytes\"}");
    }
    JsonNode hello = fetch(request("/hello"));
    assertThat(hello.at("/status").asInt()).isEqualTo(200);
    assertThat(hello.at("/body").asString()).isEqualTo("hello");
  }

  @Test
  void aResponseDocumentLargerThanTheMemoryLimitReachesTheGuestAsItsError() {
    // 3 MiB of NUL bytes fit the body limit, but escaped as JSON (\u0000) they take 18 MiB.
    assertThat(fetch(request("/zeros-3mib")).at("/error").asString())
        .startsWith("the response document of 18874")
        .endsWith(" bytes exceeds the memory limit of 16777216 bytes");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"Host\":\"evil.example\"}|header 'Host' is set by the host and cannot be given",
        "{\"connection\":\"close\"}|header 'connection' is set by the host and cannot be given",
        "{\"Content-Length\":\"3\"}|header 'Content-Length' is set by the host and cannot be given",
        "{\"X-A\":\"a\\r\\nInjected: 1\"}|header 'X-A' has an invalid value (control or non-Latin-1 character)",
        "{\"X A\":\"1\"}|invalid header name 'X A'",
        "{\"X-A\":{\"nested\":1}}|header 'X-A' must be a string",
        "[\"X-A\"]|headers must be an object of strings",
      })
  void aHeaderTheClientRefusesReachesTheGuestAsItsError(String headers, String message) {
    ObjectNode request = request("/hello");
    request.set("headers", Json.parse(headers));
    assertThat(fetch(request).toString())
        .isEqualTo("{\"error\":\"invalid http_fetch request: " + message + "\"}");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "CONNECT|method 'CONNECT' is not supported",
        "GE T|invalid method 'GE T'",
        "''|invalid method ''",
      })
  void aMethodTheClientRefusesReachesTheGuestAsItsError(String method, String message) {
    assertThat(fetch(request("/hello").put("method", method)).toString())
        .isEqualTo("{\"error\":\"invalid http_fetch request: " + message + "\"}");
  }

  @Test
  void aNonStringBodyReachesTheGuestAsItsError() {
    ObjectNode request = request("/hello").put("method", "POST");
    request.putObject("body").put("a", 1);
    assertThat(fetch(request).toString())
        .isEqualTo("{\"error\":\"invalid http_fetch request: body must be a string\"}");
    JsonNode put = fetch(request("/hello").put("method", "put").put("body", "x"));
    assertThat(put.at("/body").asString()).isEqualTo("hello");
  }
}
