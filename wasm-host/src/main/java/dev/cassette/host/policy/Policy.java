package dev.cassette.host.policy;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import org.apiguardian.api.API;

/**
 * A component's permissions, as in Wassette's {@code policy.yaml}. Everything not listed is denied.
 *
 * @param version the policy format version, for example {@code 1.0}
 * @param description free text, or {@code null}
 * @param storage the storage grants
 * @param network the network grants
 * @param environment the environment variable keys the guest may read (at most 256 characters each,
 *     without control characters, white space or {@code =})
 * @param memory the memory limit as written (for example {@code 64Mi}), or {@code null}
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record Policy(
    String version,
    String description,
    List<StorageGrant> storage,
    List<NetworkGrant> network,
    List<String> environment,
    String memory) {

  /** The version written into new policy files. */
  public static final String CURRENT_VERSION = "1.0";

  /** Checks arguments and copies the lists. */
  public Policy {
    Objects.requireNonNull(version, "version");
    storage = List.copyOf(storage);
    network = List.copyOf(network);
    environment = List.copyOf(environment);
    environment.forEach(GrantValues::key);
    if (memory != null) {
      MemorySize.parseBytes(memory);
    }
  }

  /** The deny-everything policy of a component without a policy file. */
  public static Policy denyAll() {
    return new Policy(CURRENT_VERSION, null, List.of(), List.of(), List.of(), null);
  }

  /** The memory limit in bytes, if the policy sets one. */
  public OptionalLong memoryLimitBytes() {
    return memory == null ? OptionalLong.empty() : OptionalLong.of(MemorySize.parseBytes(memory));
  }

  /** A copy that also grants {@code grant}; access to a URI already listed is merged. */
  public Policy withStorage(StorageGrant grant) {
    List<StorageGrant> next = new ArrayList<>();
    EnumSet<Access> merged = EnumSet.copyOf(grant.access());
    for (StorageGrant existing : storage) {
      if (existing.uri().equals(grant.uri())) {
        merged.addAll(existing.access());
      } else {
        next.add(existing);
      }
    }
    next.add(new StorageGrant(grant.uri(), merged));
    return new Policy(version, description, next, network, environment, memory);
  }

  /** A copy without any storage grant for {@code uri}. */
  public Policy withoutStorage(String uri) {
    List<StorageGrant> next = new ArrayList<>(storage);
    next.removeIf(grant -> grant.uri().equals(uri));
    return new Policy(version, description, next, network, environment, memory);
  }

  /** A copy that also allows {@code host} (no duplicates). */
  public Policy withNetwork(String host) {
    LinkedHashSet<NetworkGrant> next = new LinkedHashSet<>(network);
    next.add(new NetworkGrant(host));
    return new Policy(version, description, storage, List.copyOf(next), environment, memory);
  }

  /** A copy without {@code host}. */
  public Policy withoutNetwork(String host) {
    List<NetworkGrant> next = new ArrayList<>(network);
    next.removeIf(grant -> grant.host().equals(host));
    return new Policy(version, description, storage, next, environment, memory);
  }

  /** A copy that also allows the environment variable {@code key} (no duplicates). */
  public Policy withEnvironment(String key) {
    LinkedHashSet<String> next = new LinkedHashSet<>(environment);
    next.add(key);
    return new Policy(version, description, storage, network, List.copyOf(next), memory);
  }

  /** A copy without the environment variable {@code key}. */
  public Policy withoutEnvironment(String key) {
    List<String> next = new ArrayList<>(environment);
    next.remove(key);
    return new Policy(version, description, storage, network, next, memory);
  }
}
