package dev.cassette.host.policy;

import java.util.Locale;
import org.apiguardian.api.API;

/** Parses Kubernetes-style sizes as Wassette's {@code resources.limits.memory} uses them. */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class MemorySize {
  private MemorySize() {}

  /**
   * Bytes in a size such as {@code 64Mi}, {@code 1Gi}, {@code 512Ki}, {@code 100M} or {@code 4096}.
   *
   * @throws IllegalArgumentException naming the value if it is not a size
   */
  public static long parseBytes(String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("memory size must not be empty");
    }
    String text = value.trim();
    int split = 0;
    while (split < text.length()
        && (Character.isDigit(text.charAt(split)) || text.charAt(split) == '.')) {
      split++;
    }
    if (split == 0) {
      throw new IllegalArgumentException("not a memory size: '" + value + "'");
    }
    double number = Double.parseDouble(text.substring(0, split));
    long unit = unit(text.substring(split).trim(), value);
    return (long) (number * unit);
  }

  private static long unit(String suffix, String value) {
    switch (suffix.toLowerCase(Locale.ROOT)) {
      case "":
      case "b":
        return 1L;
      case "ki":
        return 1L << 10;
      case "mi":
        return 1L << 20;
      case "gi":
        return 1L << 30;
      case "k":
        return 1_000L;
      case "m":
        return 1_000_000L;
      case "g":
        return 1_000_000_000L;
      default:
        throw new IllegalArgumentException("unknown unit in memory size: '" + value + "'");
    }
  }
}
