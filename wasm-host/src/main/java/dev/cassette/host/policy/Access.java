package dev.cassette.host.policy;

import java.util.Locale;
import org.apiguardian.api.API;

/** Access to a storage location, as Wassette's policy spells it ({@code read}, {@code write}). */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public enum Access {
  /** The guest may read files under the location. */
  READ,
  /** The guest may create, change and delete files under the location. */
  WRITE;

  /** The policy-file spelling: {@code read} or {@code write}. */
  public String yamlName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses {@code read} or {@code write}.
   *
   * @throws IllegalArgumentException naming the value otherwise
   */
  public static Access parse(String value) {
    for (Access access : values()) {
      if (access.yamlName().equals(value)) {
        return access;
      }
    }
    throw new IllegalArgumentException(
        "access must be 'read' or 'write', got " + GrantValues.quote(String.valueOf(value)));
  }
}
