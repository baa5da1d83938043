package dev.cassette.proxy.tape;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;
import tools.jackson.databind.node.ObjectNode;

/**
 * A WebAssembly component in play in a recorded session: loaded by a {@code load-component} call or
 * preloaded from the server's component folder.
 *
 * @param id the component id (the file name without {@code .wasm})
 * @param source where it was loaded from (a path or URI, as the client gave it, or the file in the
 *     server's component folder)
 * @param sha256 the hex SHA-256 of the component's bytes
 * @param tools the names of the tools it provides, as the server listed them (empty when the
 *     session never showed them)
 * @param policy the text of its co-located {@code <id>.policy.yaml}, or {@code null} if none
 * @param extensions unknown fields, kept for rewrite, or {@code null}
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record Component(
    String id,
    String source,
    String sha256,
    List<String> tools,
    String policy,
    ObjectNode extensions) {
  /** Checks arguments and copies the list. */
  public Component {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(sha256, "sha256");
    tools = List.copyOf(Objects.requireNonNullElse(tools, List.of()));
  }

  /**
   * The hex SHA-256 of a component file's bytes, as {@link #sha256()} holds it.
   *
   * @throws IOException if the file cannot be read
   */
  public static String sha256Of(Path file) throws IOException {
    Objects.requireNonNull(file, "file");
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

  /**
   * The file a local source names, resolved against {@code base}: a {@code file:} URI or a path;
   * empty for a remote source (any other {@code scheme://}) or one that is not a valid path.
   */
  public static Optional<Path> localFile(String source, Path base) {
    Objects.requireNonNull(base, "base");
    if (source == null) {
      return Optional.empty();
    }
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

  /** A component whose tools are not known. */
  public Component(String id, String source, String sha256, String policy, ObjectNode extensions) {
    this(id, source, sha256, List.of(), policy, extensions);
  }

  /** A copy with the tools the server listed for it. */
  public Component withTools(List<String> newTools) {
    return new Component(id, source, sha256, newTools, policy, extensions);
  }
}
