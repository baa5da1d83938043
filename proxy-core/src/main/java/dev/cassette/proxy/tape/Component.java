package dev.cassette.proxy.tape;

import java.util.Objects;
import org.apiguardian.api.API;
import tools.jackson.databind.node.ObjectNode;

/**
 * A WebAssembly component loaded during a recorded session.
 *
 * @param id the component id (the file name without {@code .wasm})
 * @param source where it was loaded from (a path or URI, as the client gave it)
 * @param sha256 the hex SHA-256 of the component's bytes
 * @param policy the text of its co-located {@code <id>.policy.yaml}, or {@code null} if none
 * @param extensions unknown fields, kept for rewrite, or {@code null}
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record Component(
    String id, String source, String sha256, String policy, ObjectNode extensions) {
  /** Checks arguments. */
  public Component {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(sha256, "sha256");
  }
}
