package dev.cassette.host.policy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import org.apiguardian.api.API;

/**
 * The policy files of components: {@code <id>.policy.yaml} next to {@code <id>.wasm}.
 *
 * <p>Reads are fresh every time, so a grant or revoke takes effect on the next call. Changes are
 * written atomically (temporary file, then rename), creating the file if absent, as Wassette does.
 * Reads take no lock (a rename never shows a half-written file); changes to one file are serialised
 * by a lock of that file only, so one component's policy never holds up another's calls.
 *
 * <p>Only regular files of at most {@link #MAX_POLICY_BYTES} are read (a symbolic link, named pipe
 * or device is refused without being opened), and a change that would make the file larger is
 * refused. Storage grants of the filesystem root or of system directories are refused (see {@link
 * SystemDirectories}).
 *
 * <p>A store made by {@link #inMemory()} reads the files but keeps every change in memory for the
 * life of the host, so a recorded or replayed session that grants and revokes permissions leaves
 * the policy files on disk as they were.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class PolicyStore {
  /** The suffix of policy files. */
  public static final String SUFFIX = ".policy.yaml";

  /** The largest policy file read or written: 1 MiB. */
  public static final int MAX_POLICY_BYTES = 1 << 20;

  /** One lock per policy file, for read-change-write cycles and resets. */
  private final Map<Path, Object> locks = new ConcurrentHashMap<>();

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
    return new PolicyStore(new ConcurrentHashMap<>());
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
   * @throws PolicyException naming the file if it cannot be read or parsed, or grants storage of
   *     the root or a system directory
   */
  public Policy read(Path file) throws PolicyException {
    Policy policy = parse(file);
    checkStorage(file, policy);
    return policy;
  }

  /**
   * The text of {@code file}, or {@code null} if it does not exist.
   *
   * @throws PolicyException naming the file if it is not a regular file, too large or unreadable
   */
  public String readText(Path file) throws PolicyException {
    Optional<String> changed = changes == null ? null : changes.get(file);
    if (changed != null) {
      return changed.orElse(null);
    }
    return PolicyFiles.read(file);
  }

  /**
   * Applies {@code change} to the policy in {@code file} and writes the result.
   *
   * <p>The current policy is not checked for refused storage grants, so that a revoke can remove
   * one; the result is.
   *
   * @return the new policy
   * @throws PolicyException naming the file if it cannot be read, parsed or written, if the result
   *     would be larger than {@link #MAX_POLICY_BYTES} or grants storage of a refused directory
   */
  public Policy update(Path file, UnaryOperator<Policy> change) throws PolicyException {
    synchronized (lockOf(file)) {
      Policy next = change.apply(parse(file));
      checkStorage(file, next);
      String text = PolicyYaml.render(next);
      if (changes != null) {
        PolicyFiles.checkSize(file, text);
        changes.put(file, Optional.of(text));
      } else {
        PolicyFiles.write(file, text);
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
    synchronized (lockOf(file)) {
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

  private Object lockOf(Path file) {
    return locks.computeIfAbsent(file.toAbsolutePath().normalize(), key -> new Object());
  }

  private Policy parse(Path file) throws PolicyException {
    String text = readText(file);
    return text == null ? Policy.denyAll() : PolicyYaml.parse(text, file.toString());
  }

  private static void checkStorage(Path file, Policy policy) throws PolicyException {
    for (StorageGrant grant : policy.storage()) {
      try {
        SystemDirectories.check(grant);
      } catch (IllegalArgumentException e) {
        throw new PolicyException(
            "refused storage grant in policy " + file + ": " + e.getMessage(), e);
      }
    }
  }
}
