package dev.cassette.host.policy;

import java.util.regex.Pattern;

/**
 * Checks the values of grants (storage URIs, network hosts, environment keys) before they enter a
 * policy, so that a policy that can be built can always be written and read back.
 */
final class GrantValues {
  /** Longest storage URI accepted ({@code PATH_MAX} plus the scheme). */
  static final int MAX_URI_LENGTH = 4096;

  /** Longest network entry accepted: a 253-character host name with scheme and port. */
  static final int MAX_HOST_LENGTH = 300;

  /** Longest environment variable key accepted. */
  static final int MAX_KEY_LENGTH = 256;

  private static final int QUOTE_LENGTH = 60;

  private static final String LABEL = "[A-Za-z0-9](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9])?";

  private static final Pattern HOST =
      Pattern.compile(
          "(?:(?i:https?)://)?"
              + "(?:(?:\\*\\.)?"
              + LABEL
              + "(?:\\."
              + LABEL
              + ")*"
              + "|\\[[0-9A-Fa-f:.]+\\])"
              + "(?::(?<port>[0-9]{1,5}))?");

  private GrantValues() {}

  /** Checks a storage URI's length and characters (the {@code fs://} form is checked elsewhere). */
  static void uri(String uri) {
    bounded("uri", uri, MAX_URI_LENGTH);
  }

  /** Checks a network entry: {@code [http[s]://]host[:port]}, host a name, IPv4 or [IPv6]. */
  static void host(String host) {
    bounded("host", host, MAX_HOST_LENGTH);
    var match = HOST.matcher(host);
    boolean valid = match.matches();
    if (valid && match.group("port") != null) {
      int port = Integer.parseInt(match.group("port"));
      valid = port >= 1 && port <= 65_535;
    }
    if (!valid) {
      throw new IllegalArgumentException(
          "host must be a host name, IPv4 address or [IPv6] address, optionally with http:// or"
              + " https:// and a :port (1-65535), or *.domain, got "
              + quote(host));
    }
  }

  /** Checks an environment variable key: no control characters, whitespace or {@code =}. */
  static void key(String key) {
    bounded("key", key, MAX_KEY_LENGTH);
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (c == '=' || Character.isWhitespace(c) || Character.isSpaceChar(c)) {
        throw new IllegalArgumentException(
            "key must not contain '=' or white space, got " + quote(key));
      }
    }
  }

  private static void bounded(String name, String value, int maxLength) {
    if (value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
    if (value.length() > maxLength) {
      throw new IllegalArgumentException(
          name
              + " must be at most "
              + maxLength
              + " characters, got "
              + value.length()
              + " starting "
              + quote(value));
    }
    for (int i = 0; i < value.length(); i++) {
      int type = Character.getType(value.charAt(i));
      if (type == Character.CONTROL
          || type == Character.LINE_SEPARATOR
          || type == Character.PARAGRAPH_SEPARATOR) {
        throw new IllegalArgumentException(
            name + " must not contain control characters or line breaks, got " + quote(value));
      }
    }
  }

  /**
   * {@code value} in single quotes for an error message, cut to a few dozen characters and with
   * control characters escaped, so that messages stay one short line.
   */
  static String quote(String value) {
    StringBuilder quoted = new StringBuilder("'");
    int end = Math.min(value.length(), QUOTE_LENGTH);
    for (int i = 0; i < end; i++) {
      char c = value.charAt(i);
      if (Character.isISOControl(c)
          || Character.getType(c) == Character.LINE_SEPARATOR
          || Character.getType(c) == Character.PARAGRAPH_SEPARATOR) {
        quoted.append(String.format("\\u%04x", (int) c));
      } else {
        quoted.append(c);
      }
    }
    quoted.append('\'');
    if (value.length() > end) {
      quoted.append("… (").append(value.length()).append(" characters)");
    }
    return quoted.toString();
  }
}
