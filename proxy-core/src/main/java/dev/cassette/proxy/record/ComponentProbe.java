package dev.cassette.proxy.record;

import dev.cassette.proxy.jsonrpc.JsonRpcMessage;
import dev.cassette.proxy.jsonrpc.JsonRpcMessage.Request;
import dev.cassette.proxy.tape.Component;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Spots Wassette's {@code load-component} calls with a local path and describes the component: its
 * id (file name without {@code .wasm}), sha256 and co-located {@code <id>.policy.yaml}.
 */
final class ComponentProbe {

  static final String LOAD_COMPONENT = "load-component";

  private final Path base;

  /** Resolves relative paths against {@code base} (the server's working directory). */
  ComponentProbe(Path base) {
    this.base = base;
  }

  /** The component a client message loads, if it is a local {@code load-component} call. */
  Optional<Component> inspect(JsonRpcMessage message) throws IOException {
    if (!(message instanceof Request request) || !"tools/call".equals(request.method())) {
      return Optional.empty();
    }
    JsonNode params = request.params();
    if (params == null || !LOAD_COMPONENT.equals(params.path("name").asString(""))) {
      return Optional.empty();
    }
    JsonNode path = params.path("arguments").get("path");
    if (path == null || !path.isString()) {
      return Optional.empty();
    }
    Optional<Path> file = localFile(path.asString());
    if (file.isEmpty() || !Files.isRegularFile(file.get())) {
      return Optional.empty();
    }
    return Optional.of(describe(path.asString(), file.get()));
  }

  private Optional<Path> localFile(String source) {
    try {
      if (source.startsWith("file:")) {
        return Optional.of(Path.of(URI.create(source)));
      }
      if (source.matches("^[a-zA-Z][a-zA-Z0-9+.-]+://.*")) {
        return Optional.empty();
      }
      return Optional.of(base.resolve(source));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static Component describe(String source, Path file) throws IOException {
    String fileName = file.getFileName().toString();
    String id =
        fileName.endsWith(".wasm") ? fileName.substring(0, fileName.length() - 5) : fileName;
    Path policyFile = file.resolveSibling(id + ".policy.yaml");
    String policy =
        Files.isRegularFile(policyFile)
            ? Files.readString(policyFile, StandardCharsets.UTF_8)
            : null;
    return new Component(id, source, sha256(file), policy, null);
  }

  static String sha256(Path file) throws IOException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
      in.transferTo(OutputStream.nullOutputStream());
    }
    return HexFormat.of().formatHex(digest.digest());
  }
}
