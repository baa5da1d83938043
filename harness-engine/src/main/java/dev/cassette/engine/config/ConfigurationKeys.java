package dev.cassette.engine.config;

import dev.cassette.engine.Constants;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.junit.platform.engine.ConfigurationParameters;

/**
 * The keys {@link Constants} declares (every {@code *_PROPERTY_NAME}) and its key prefixes, and the
 * nearest known key to a misspelt one.
 */
final class ConfigurationKeys {

  private static final List<String> KEYS = constants("_PROPERTY_NAME");
  private static final List<String> PREFIXES = constants("_PREFIX");

  private ConfigurationKeys() {}

  /** Every known key, sorted. */
  static List<String> known() {
    return KEYS;
  }

  /** Whether {@code key} is a Cassette key (it starts with {@value Constants#PREFIX}). */
  static boolean isCassetteKey(String key) {
    return key.startsWith(Constants.PREFIX);
  }

  /** Whether {@code key} is a known key, or lies under a known prefix such as settings'. */
  static boolean isKnown(String key) {
    return KEYS.contains(key)
        || PREFIXES.stream()
            .anyMatch(prefix -> key.startsWith(prefix) && key.length() > prefix.length());
  }

  /** The known key with the smallest edit distance to {@code key} (ties: the first in order). */
  static Optional<String> nearest(String key) {
    return KEYS.stream().min(Comparator.comparingInt(known -> distance(known, key)));
  }

  /** The Levenshtein distance: single-character insertions, deletions and substitutions. */
  static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }

  /**
   * The problems with the {@code cassette.*} keys among the listed parameters that are not known.
   * Keys that come from a system property are left alone: the JVM's properties are not all meant
   * for Cassette (and a build may pass its own {@code cassette.*} properties to tests).
   */
  static List<String> unknown(ConfigurationParameters parameters) {
    List<String> problems = new ArrayList<>();
    for (String key : new TreeSet<>(parameters.keySet())) {
      if (!isCassetteKey(key) || isKnown(key) || fromSystemProperty(parameters, key)) {
        continue;
      }
      int tolerated = Math.max(1, (key.length() - Constants.PREFIX.length()) / 3);
      Optional<String> nearest = nearest(key).filter(known -> distance(known, key) <= tolerated);
      problems.add(
          "unknown configuration parameter "
              + key
              + nearest.map(known -> ": did you mean " + known + "?").orElse("")
              + " (the keys are listed in docs/configuration.md)");
    }
    return problems;
  }

  private static boolean fromSystemProperty(ConfigurationParameters parameters, String key) {
    String property = System.getProperty(key);
    return property != null && parameters.get(key).map(property::equals).orElse(true);
  }

  private static List<String> constants(String suffix) {
    TreeSet<String> values = new TreeSet<>();
    for (Field field : Constants.class.getFields()) {
      if (Modifier.isStatic(field.getModifiers())
          && field.getType() == String.class
          && field.getName().endsWith(suffix)) {
        try {
          values.add((String) field.get(null));
        } catch (IllegalAccessException e) {
          throw new IllegalStateException("cannot read " + field, e);
        }
      }
    }
    return List.copyOf(values);
  }
}
