package dev.cassette.proxy.redact;

import java.util.List;

/**
 * Literals one of which every match of a rule contains: text without any of them cannot match, so
 * the rule's regular expression is not run on it.
 *
 * @param literals the literals, none empty
 * @param ignoreAsciiCase whether {@code A-Z} and {@code a-z} match each other (as in a pattern
 *     compiled with {@code (?i)} and without {@code UNICODE_CASE})
 * @param followedBy what every match has after the literal, checked without a regular expression,
 *     or {@code null} when the literal is enough
 */
record Anchors(List<String> literals, boolean ignoreAsciiCase, Follow followedBy) {

  /** A cheap necessary condition on the text after a literal. */
  @FunctionalInterface
  interface Follow {
    /** Whether a match can hold the literal that ends right before {@code from}. */
    boolean test(String text, int from);
  }

  Anchors {
    literals = List.copyOf(literals);
    if (literals.isEmpty() || literals.stream().anyMatch(String::isEmpty)) {
      throw new IllegalArgumentException("anchors must be non-empty literals but were " + literals);
    }
  }

  static Anchors of(String... literals) {
    return new Anchors(List.of(literals), false, null);
  }

  static Anchors ignoringAsciiCase(String... literals) {
    return new Anchors(List.of(literals), true, null);
  }

  /** Anchors whose matches also pass {@code follow} right after the literal. */
  static Anchors followedBy(Follow follow, String... literals) {
    return new Anchors(List.of(literals), false, follow);
  }
}
