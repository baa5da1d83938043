package dev.cassette.host.policy;

import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * One {@code permissions.storage.allow} entry: a directory ({@code fs://} URI) and its access.
 *
 * <p>The URI is at most 4096 characters, without control characters. Whether it names a directory
 * the host refuses to grant (the root, {@code /proc}, {@code /sys}, {@code /dev}) depends on the
 * host's filesystem and is checked by {@link SystemDirectories}.
 *
 * @param uri the location, {@code fs://} followed by an absolute path
 * @param access what the guest may do there; never empty
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record StorageGrant(String uri, Set<Access> access) {
  /** The URI scheme prefix of storage locations. */
  public static final String SCHEME_PREFIX = "fs://";

  /** Checks arguments and copies the access set. */
  public StorageGrant {
    Objects.requireNonNull(uri, "uri");
    Objects.requireNonNull(access, "access");
    GrantValues.uri(uri);
    if (!uri.startsWith(SCHEME_PREFIX) || !uri.substring(SCHEME_PREFIX.length()).startsWith("/")) {
      throw new IllegalArgumentException(
          "uri must be fs:// followed by an absolute path, got " + GrantValues.quote(uri));
    }
    if (access.isEmpty()) {
      throw new IllegalArgumentException("access must name 'read' and/or 'write' for " + uri);
    }
    access = Collections.unmodifiableSet(EnumSet.copyOf(access));
  }

  /** The host directory the grant names (also the path the guest sees). */
  public Path path() {
    return Path.of(uri.substring(SCHEME_PREFIX.length())).normalize();
  }

  /** Whether the guest may only read. */
  public boolean readOnly() {
    return !access.contains(Access.WRITE);
  }
}
