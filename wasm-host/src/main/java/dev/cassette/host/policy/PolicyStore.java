package dev.cassette.host.policy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.apiguardian.api.API;

/**
 * The policy files of components: {@code <id>.policy.yaml} next to {@code <id>.wasm}.
 *
 * <p>Reads are fresh every time, so a grant or revoke takes effect on the next call. Changes are
 * written atomically (temporary file, then rename), creating the file if absent, as Wassette does.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class PolicyStore {
  /** The suffix of policy files. */
  public static final String SUFFIX = ".policy.yaml";

  private final Object lock = new Object();

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
      if (!Files.exists(file)) {
        return Policy.denyAll();
      }
      try {
        return PolicyYaml.parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
      } catch (IOException e) {
        throw new PolicyException("cannot read policy " + file + ": " + e.getMessage(), e);
      }
    }
  }

  /** The text of {@code file}, or {@code null} if it does not exist. */
  public String readText(Path file) throws PolicyException {
    synchronized (lock) {
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
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        throw new PolicyException("cannot delete policy " + file + ": " + e.getMessage(), e);
      }
    }
  }
}
