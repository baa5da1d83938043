package dev.cassette.proxy.redact;

import java.util.Locale;
import java.util.Set;

/**
 * Sensitive field names, compared in lower case with {@code -} and {@code _} removed; the checks
 * allocate nothing for ASCII names, since every key of every message goes through them.
 */
final class FieldNames {

  private final Set<String> names;
  private final String[] array;

  FieldNames(Set<String> names) {
    this.names = Set.copyOf(names);
    this.array = this.names.toArray(String[]::new);
  }

  boolean isEmpty() {
    return array.length == 0;
  }

  static String normalized(String field) {
    return field.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
  }

  /** Whether {@code field}, normalized, is one of the names. */
  boolean contains(String field) {
    if (array.length == 0) {
      return false;
    }
    int hash = 0;
    int length = 0;
    for (int i = 0; i < field.length(); i++) {
      char c = field.charAt(i);
      if (c >= 0x80) {
        return names.contains(normalized(field));
      }
      if (c != '-' && c != '_') {
        hash = 31 * hash + lowerAscii(c);
        length++;
      }
    }
    for (String name : array) {
      if (name.length() == length && name.hashCode() == hash && matchesAt(field, name)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether some name is a suffix of {@code text[start, end)} normalized; {@code text[start, end)}
   * holds only {@code [A-Za-z0-9_-]}.
   */
  boolean endsOneOf(String text, int start, int end) {
    for (String name : array) {
      int j = name.length() - 1;
      for (int i = end - 1; i >= start && j >= 0; i--) {
        char c = text.charAt(i);
        if (c == '-' || c == '_') {
          continue;
        }
        if (lowerAscii(c) != name.charAt(j)) {
          break;
        }
        j--;
      }
      if (j < 0) {
        return true;
      }
    }
    return false;
  }

  private static boolean matchesAt(String field, String name) {
    int j = 0;
    for (int i = 0; i < field.length(); i++) {
      char c = field.charAt(i);
      if (c != '-' && c != '_' && lowerAscii(c) != name.charAt(j++)) {
        return false;
      }
    }
    return true;
  }

  private static char lowerAscii(char c) {
    return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
  }
}
