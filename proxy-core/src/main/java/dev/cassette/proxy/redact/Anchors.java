package dev.cassette.proxy.redact;

import java.util.List;

/**
 * Literals one of which every match of a rule contains: text without any of them cannot match, so
 * the rule's regular expression is not run on it.
 *
 * @param literals the literals, none empty
 * @param ignoreAsciiCase whether {@code A-Z} and {@code a-z} match each other (as in a pattern
 *     compiled with {@code (?i)} and without {@code UNICODE_CASE})
 */
record Anchors(List<String> literals, boolean ignoreAsciiCase) {

  Anchors {
    literals = List.copyOf(literals);
    if (literals.isEmpty() || literals.stream().anyMatch(String::isEmpty)) {
      throw new IllegalArgumentException("anchors must be non-empty literals but were " + literals);
    }
  }

  static Anchors of(String... literals) {
    return new Anchors(List.of(literals), false);
  }

  static Anchors ignoringAsciiCase(String... literals) {
    return new Anchors(List.of(literals), true);
  }
}
