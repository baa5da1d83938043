package dev.cassette.proxy.record;

import dev.cassette.proxy.jsonrpc.JsonRpcMessage.Request;
import tools.jackson.databind.JsonNode;

/**
 * What the server said about itself: the negotiated protocol version and its {@code serverInfo}.
 *
 * <p>Read from the response to {@code initialize} (stateful revisions) or to {@code
 * server/discover} (2026-07-28, where the version may instead travel in the request's {@code
 * _meta}). A 2026-07-28 session need not open with {@code server/discover} (the TypeScript SDK v2
 * client probes on a separate, short-lived server process and then starts the session without it),
 * so when no handshake was seen, the version comes from the first request's {@code _meta} and the
 * serverInfo from the first result's {@code _meta}.
 */
final class Handshake {

  static final String PROTOCOL_VERSION_META_KEY = "io.modelcontextprotocol/protocolVersion";
  static final String SERVER_INFO_META_KEY = "io.modelcontextprotocol/serverInfo";

  private String protocolVersion;
  private JsonNode serverInfo;
  private String requestedVersion;
  private boolean handshakeSeen;
  private String metaVersion;
  private JsonNode metaServerInfo;

  void onClientRequest(Request request) {
    JsonNode params = request.params();
    JsonNode meta = params == null ? null : params.get("_meta");
    JsonNode version = meta == null ? null : meta.get(PROTOCOL_VERSION_META_KEY);
    if (!isHandshake(request.method())) {
      if (metaVersion == null && version != null && version.isString()) {
        metaVersion = version.asString();
      }
      return;
    }
    if (version == null && params != null) {
      version = params.get("protocolVersion");
    }
    if (version != null && version.isString()) {
      requestedVersion = version.asString();
    }
  }

  void onResponse(JsonNode client, JsonNode response) {
    JsonNode method = client.get("method");
    if (method == null || !isHandshake(method.asString())) {
      JsonNode info = response.path("result").path("_meta").get(SERVER_INFO_META_KEY);
      if (metaServerInfo == null && info != null && info.isObject()) {
        metaServerInfo = info;
      }
      return;
    }
    handshakeSeen = true;
    JsonNode result = response.get("result");
    if (result == null || !result.isObject()) {
      return;
    }
    JsonNode version = result.get("protocolVersion");
    protocolVersion = version != null && version.isString() ? version.asString() : requestedVersion;
    JsonNode info = result.get("serverInfo");
    JsonNode meta = result.get("_meta");
    if (info == null && meta != null) {
      info = meta.get(SERVER_INFO_META_KEY);
    }
    if (info != null) {
      serverInfo = info;
    }
  }

  String protocolVersion() {
    return handshakeSeen ? protocolVersion : metaVersion;
  }

  JsonNode serverInfo() {
    return handshakeSeen ? serverInfo : metaServerInfo;
  }

  private static boolean isHandshake(String method) {
    return "initialize".equals(method) || "server/discover".equals(method);
  }
}
