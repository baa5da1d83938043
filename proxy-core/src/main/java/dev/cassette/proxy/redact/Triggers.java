package dev.cassette.proxy.redact;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Finds, in one pass over a text, which redaction rules could change it, so that text no rule can
 * match (nearly every string of a message) is left alone without running a regular expression.
 *
 * <p>Each check is necessary, never sufficient: a rule it reports is then run in full, so the
 * result equals running every rule. Bit {@link #SECRETS}: a known secret value occurs. Bit {@link
 * #ASSIGNMENT}: a {@code :} or {@code =} follows (after blanks and a quote) a name ending like a
 * sensitive field. Bit {@code 2 + i}: pattern {@code i} has anchors and one of them occurs
 * (followed by what the anchors ask for); a pattern without anchors (or past bit 63) is always
 * reported.
 */
final class Triggers {

  static final long SECRETS = 1L;
  static final long ASSIGNMENT = 1L << 1;
  private static final int FIRST_PATTERN_BIT = 2;

  private final Probe[][] ascii = new Probe[128][];
  private final char[] otherChars;
  private final Probe[][] otherProbes;
  private final long always;
  private final long all;

  /**
   * @param secrets known secret values
   * @param patternAnchors each pattern's anchors in order, {@code null} for a pattern without
   * @param fields sensitive field names
   */
  Triggers(Collection<String> secrets, List<Anchors> patternAnchors, FieldNames fields) {
    Map<Character, List<Probe>> byFirst = new TreeMap<>();
    long allBits = 0;
    for (String secret : secrets) {
      add(byFirst, secret.charAt(0), new Literal(secret, false, null, SECRETS));
      allBits |= SECRETS;
    }
    if (!fields.isEmpty()) {
      Probe assignment = new Assignment(fields);
      add(byFirst, ':', assignment);
      add(byFirst, '=', assignment);
      allBits |= ASSIGNMENT;
    }
    long alwaysBits = 0;
    for (int i = 0; i < patternAnchors.size(); i++) {
      int bit = FIRST_PATTERN_BIT + i;
      Anchors anchors = patternAnchors.get(i);
      if (bit >= Long.SIZE) {
        alwaysBits |= 1L << (Long.SIZE - 1);
        continue;
      }
      allBits |= 1L << bit;
      if (anchors == null) {
        alwaysBits |= 1L << bit;
        continue;
      }
      for (String literal : anchors.literals()) {
        Probe probe =
            new Literal(literal, anchors.ignoreAsciiCase(), anchors.followedBy(), 1L << bit);
        char first = literal.charAt(0);
        add(byFirst, first, probe);
        if (anchors.ignoreAsciiCase() && Character.isLetter(first) && first < 0x80) {
          add(byFirst, Character.isUpperCase(first) ? lower(first) : upper(first), probe);
        }
      }
    }
    List<Character> others = new ArrayList<>();
    for (Map.Entry<Character, List<Probe>> entry : byFirst.entrySet()) {
      char c = entry.getKey();
      if (c < 128) {
        ascii[c] = entry.getValue().toArray(Probe[]::new);
      } else {
        others.add(c);
      }
    }
    otherChars = new char[others.size()];
    otherProbes = new Probe[others.size()][];
    for (int i = 0; i < others.size(); i++) {
      otherChars[i] = others.get(i);
      otherProbes[i] = byFirst.get(others.get(i)).toArray(Probe[]::new);
    }
    this.always = alwaysBits;
    this.all = allBits | alwaysBits;
  }

  /** The bits of the rules that could change {@code text}. */
  long scan(String text) {
    long found = always;
    if (found == all) {
      return found;
    }
    for (int i = 0, n = text.length(); i < n; i++) {
      char c = text.charAt(i);
      Probe[] probes = c < 128 ? ascii[c] : other(c);
      if (probes == null) {
        continue;
      }
      for (Probe probe : probes) {
        if ((found & probe.bit()) == 0 && probe.matchesAt(text, i)) {
          found |= probe.bit();
          if (found == all) {
            return found;
          }
        }
      }
    }
    return found;
  }

  static long patternBit(int index) {
    int bit = FIRST_PATTERN_BIT + index;
    return 1L << Math.min(bit, Long.SIZE - 1);
  }

  private Probe[] other(char c) {
    if (otherChars.length == 0) {
      return null;
    }
    int index = Arrays.binarySearch(otherChars, c);
    return index < 0 ? null : otherProbes[index];
  }

  private static void add(Map<Character, List<Probe>> byFirst, char first, Probe probe) {
    byFirst.computeIfAbsent(first, c -> new ArrayList<>()).add(probe);
  }

  private static char lower(char c) {
    return (char) (c + ('a' - 'A'));
  }

  private static char upper(char c) {
    return (char) (c - ('a' - 'A'));
  }

  /** A check at a position whose character it was filed under. */
  private interface Probe {
    long bit();

    boolean matchesAt(String text, int index);
  }

  private record Literal(
      String literal, boolean ignoreAsciiCase, Anchors.Follow followedBy, long bit)
      implements Probe {
    @Override
    public boolean matchesAt(String text, int index) {
      return text.regionMatches(ignoreAsciiCase, index, literal, 0, literal.length())
          && (followedBy == null || followedBy.test(text, index + literal.length()));
    }
  }

  /** At a {@code :} or {@code =}: is it preceded by blanks, a quote and a sensitive name? */
  private record Assignment(FieldNames fields) implements Probe {
    @Override
    public long bit() {
      return ASSIGNMENT;
    }

    @Override
    public boolean matchesAt(String text, int index) {
      int end = index;
      while (end > 0 && isBlank(text.charAt(end - 1))) {
        end--;
      }
      if (end > 0 && (text.charAt(end - 1) == '"' || text.charAt(end - 1) == '\'')) {
        end--;
      }
      int start = end;
      while (start > 0 && isNameChar(text.charAt(start - 1))) {
        start--;
      }
      return start < end && fields.endsOneOf(text, start, end);
    }

    /** {@code \s} of {@link java.util.regex.Pattern}. */
    private static boolean isBlank(char c) {
      return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
    }

    private static boolean isNameChar(char c) {
      return c >= 'a' && c <= 'z'
          || c >= 'A' && c <= 'Z'
          || c >= '0' && c <= '9'
          || c == '_'
          || c == '-';
    }
  }
}
