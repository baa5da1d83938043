package dev.cassette.proxy.match;

import java.util.Objects;
import org.apiguardian.api.API;

/**
 * Checks a path of a {@code match} block ({@code ignorePaths}, {@code ignoreArrayOrder}) before it
 * is used, so a path that cannot mean anything (it would silently ignore nothing) makes the tape
 * unreadable instead.
 *
 * <p>A path is {@code $}, or names and array indexes: an optional {@code $.} (or {@code $} before
 * an index), then segments separated by {@code .}, each a name (a {@code \.} inside it is a dot of
 * the name) followed by any number of {@code [N]} or {@code [*]}; only the first segment may be an
 * index alone ({@code $[0].id}).
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class MatchPath {

  private MatchPath() {}

  /** Why {@code path} is not a path, or {@code null} when it is one. */
  public static String problem(String path) {
    Objects.requireNonNull(path, "path");
    String p = path.trim();
    if (p.isEmpty() || p.equals("$")) {
      return null;
    }
    int i = 0;
    if (p.startsWith("$.")) {
      i = 2;
    } else if (p.startsWith("$[")) {
      i = 1;
    } else if (p.startsWith("$")) {
      return "'$' must be followed by '.' or '['";
    }
    boolean first = true;
    while (true) {
      int start = i;
      while (i < p.length() && p.charAt(i) != '.' && p.charAt(i) != '[') {
        if (p.charAt(i) == ']') {
          return "']' at character " + (i + 1) + " closes no '['";
        }
        i += p.charAt(i) == '\\' && i + 1 < p.length() ? 2 : 1;
      }
      boolean named = i > start;
      int indexes = 0;
      while (i < p.length() && p.charAt(i) == '[') {
        int close = p.indexOf(']', i);
        if (close < 0) {
          return "'[' at character " + (i + 1) + " is not closed";
        }
        String inside = p.substring(i + 1, close);
        if (!inside.equals("*") && !inside.matches("\\d+")) {
          return "["
              + inside
              + "] at character "
              + (i + 1)
              + " is not an array index: write [0], [1], … or [*] (fields are named with '.')";
        }
        i = close + 1;
        indexes++;
      }
      if (!named && (indexes == 0 || !first)) {
        return "a field name is missing at character " + (start + 1);
      }
      if (i == p.length()) {
        return null;
      }
      if (p.charAt(i) != '.') {
        return "expected '.' or '[' at character " + (i + 1) + " but found '" + p.charAt(i) + "'";
      }
      i++;
      if (i == p.length()) {
        return "the path ends with '.'";
      }
      first = false;
    }
  }
}
