package dev.cassette.host.policy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.apiguardian.api.API;

/**
 * The policy files of components: {@code <id>.policy.yaml} next to {@code <id>.wasm}.
 *
 * <p>Reads are fresh every time, so a grant or revoke takes effect on the next call. Changes are
 * written atomically (temporary file, then rename), creating the file if absent, as Wassette does.
 *
 * <p>A store made by {@link #inMemory()} reads the files but keeps every change in memory for the
 * life of the host, so a recorded or replayed session that grants and revokes permissions leaves
 * the policy files on disk as they were.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class PolicyStore {
  /** The suffix of policy files. */
  public static final String SUFFIX = ".policy.yaml";

  private final Object lock = new Object();

  /** Changed policy texts by file (empty = reset); {@code null} when changes go to disk. */
  private final Map<Path, Optional<String>> changes;

  /** A store that writes changes to the policy files, as Wassette does. */
  public PolicyStore() {
    this.changes = null;
  }

  private PolicyStore(Map<Path, Optional<String>> changes) {
    this.changes = changes;
  }

  /** A store that reads policy files but keeps grants, revokes and resets in memory. */
  public static PolicyStore inMemory() {
    return new PolicyStore(new HashMap<>());
  }

  /** The policy file of the component at {@code wasmFile}. */
  public static Path policyFile(Path wasmFile, String componentId) {
    Objects.requireNonNull(wasmFile, "wasmFile");
    Path dir = wasmFile.toAbsolutePath().getParent();
    return dir.resolve(componentId + SUFFIX);
  }

  /**
   * The policy in {@code file}, or {@link Policy#denyAll()} if the file does not exist.
   *
   * @throws PolicyException naming the file if it cannot be read or parsed
   */
  public Policy read(Path file) throws PolicyException {
    synchronized (lock) {
      String text = readText(file);
      return text == null ? Policy.denyAll() : PolicyYaml.parse(text, file.toString());
    }
  }

  /** The text of {@code file}, or {@code null} if it does not exist. */
  public String readText(Path file) throws PolicyException {
    synchronized (lock) {
      if (changes != null && changes.containsKey(file)) {
        return changes.get(file).orElse(null);
      }
      try {
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : null;
      } catch (IOException e) {
        throw new PolicyException("cannot read policy " + file + ": " + e.getMessage(), e);
      }
    }
  }

  /**
   * Applies {@code change} to the policy in {@code file} and writes the result.
   *
   * @return the new policy
   * @throws PolicyException naming the file if it cannot be read, parsed or written
   */
  public Policy update(Path file, UnaryOperator<Policy> change) throws PolicyException {
    synchronized (lock) {
      Policy next = change.apply(read(file));
      if (changes != null) {
        changes.put(file, Optional.of(PolicyYaml.render(next)));
        return next;
      }
      try {
        Path temp = Files.createTempFile(file.getParent(), ".policy", ".tmp");
        Files.writeString(temp, PolicyYaml.render(next), StandardCharsets.UTF_8);
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        throw new PolicyException("cannot write policy " + file + ": " + e.getMessage(), e);
      }
      return next;
    }
  }

  /**
   * Removes {@code file}, returning the component to deny-by-default.
   *
   * @throws PolicyException naming the file if it cannot be deleted
   */
  public void reset(Path file) throws PolicyException {
    synchronized (lock) {
      if (changes != null) {
        changes.put(file, Optional.empty());
        return;
      }
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        throw new PolicyException("cannot delete policy " + file + ": " + e.getMessage(), e);
      }
    }
  }
}
