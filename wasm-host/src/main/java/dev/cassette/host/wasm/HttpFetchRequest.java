package dev.cassette.host.wasm;

import dev.cassette.proxy.jsonrpc.Json;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * A guest's {@code http_fetch} request document, checked before any request is built: a method and
 * header names that are HTTP tokens, header values without control characters (no CR/LF injection),
 * no headers the HTTP client sets itself, and no {@code CONNECT}. {@link
 * java.net.http.HttpRequest.Builder} would otherwise throw for them.
 *
 * @param url the URL, not yet checked against the policy
 * @param method the upper-cased method
 * @param headers the request headers in the order given
 * @param body the body, or {@code null} for none
 */
record HttpFetchRequest(URI url, String method, Map<String, String> headers, String body) {
  /** Headers {@link java.net.http.HttpClient} sets itself and refuses from callers. */
  private static final Set<String> RESTRICTED =
      Set.of("connection", "content-length", "expect", "host", "upgrade");

  /** A request the host refuses; the message is for the guest's {@code error}. */
  static final class Invalid extends Exception {
    private static final long serialVersionUID = 1L;

    Invalid(String message) {
      super(message);
    }
  }

  /** Parses and checks {@code json}. */
  static HttpFetchRequest parse(String json) throws Invalid {
    JsonNode request;
    try {
      request = Json.mapper().readTree(json);
    } catch (JacksonException e) {
      throw new Invalid(e.getOriginalMessage());
    }
    if (request == null || !request.isObject()) {
      throw new Invalid("the request must be a JSON object");
    }
    URI url;
    try {
      url = URI.create(text(request, "url", ""));
    } catch (IllegalArgumentException e) {
      throw new Invalid("invalid URL: " + e.getMessage());
    }
    return new HttpFetchRequest(
        url,
        method(text(request, "method", "GET")),
        headers(request.get("headers")),
        body(request));
  }

  private static String text(JsonNode request, String field, String absent) throws Invalid {
    JsonNode value = request.get(field);
    if (value == null || value.isNull()) {
      return absent;
    }
    if (!value.isString()) {
      throw new Invalid(field + " must be a string");
    }
    return value.asString();
  }

  private static String method(String given) throws Invalid {
    String method = given.toUpperCase(Locale.ROOT);
    if (!isToken(method)) {
      throw new Invalid("invalid method '" + given + "'");
    }
    if (method.equals("CONNECT")) {
      throw new Invalid("method 'CONNECT' is not supported");
    }
    return method;
  }

  private static Map<String, String> headers(JsonNode headers) throws Invalid {
    Map<String, String> result = new LinkedHashMap<>();
    if (headers == null || headers.isNull()) {
      return result;
    }
    if (!headers.isObject()) {
      throw new Invalid("headers must be an object of strings");
    }
    for (Map.Entry<String, JsonNode> header : headers.properties()) {
      String name = header.getKey();
      if (!isToken(name)) {
        throw new Invalid("invalid header name '" + name + "'");
      }
      if (RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) {
        throw new Invalid("header '" + name + "' is set by the host and cannot be given");
      }
      if (!header.getValue().isString()) {
        throw new Invalid("header '" + name + "' must be a string");
      }
      String value = header.getValue().asString();
      if (!isFieldValue(value)) {
        throw new Invalid(
            "header '" + name + "' has an invalid value (control or non-Latin-1 character)");
      }
      result.put(name, value);
    }
    return result;
  }

  private static String body(JsonNode request) throws Invalid {
    JsonNode body = request.get("body");
    if (body == null || body.isNull()) {
      return null;
    }
    if (!body.isString()) {
      throw new Invalid("body must be a string");
    }
    return body.asString();
  }

  /** An RFC 9110 token: one or more of the visible ASCII characters except separators. */
  private static boolean isToken(String value) {
    if (value.isEmpty()) {
      return false;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c <= 0x20 || c >= 0x7F || "\"(),/:;<=>?@[\\]{}".indexOf(c) >= 0) {
        return false;
      }
    }
    return true;
  }

  /** An RFC 9110 field value: tab, visible ASCII, space or obs-text (Latin-1), nothing else. */
  private static boolean isFieldValue(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c != '\t' && (c < 0x20 || c == 0x7F || c > 0xFF)) {
        return false;
      }
    }
    return true;
  }
}
