package dev.cassette.proxy.redact;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sensitive fields in raw text: {@code password=…}, {@code "token": "…"}, {@code Authorization:
 * Bearer …} lose their value.
 */
final class Assignments {

  /**
   * The {@code key:}, {@code key=} or {@code "key":} of an assignment in raw text; a name right
   * after a {@code /} or a backslash is a path segment ({@code /etc/passwd: permission denied}),
   * not a key. Keys are found one after another, also inside the value of an earlier key ({@code
   * config: password=…}), so that each is looked at once.
   */
  private static final Pattern ASSIGNMENT_KEY =
      Pattern.compile("(?<![A-Za-z0-9_\\-/\\\\])([\"']?)([A-Za-z][A-Za-z0-9_\\-]*)\\1\\s*[:=]");

  /**
   * The value after an {@link #ASSIGNMENT_KEY}: group 1, after a quote and an auth scheme; not a
   * PEM block, whose body the {@code PRIVATE_KEY} rule replaces as a whole.
   */
  private static final Pattern ASSIGNMENT_VALUE =
      Pattern.compile(
          "\\s*[\"']?(?!-----BEGIN )(?:(?i:basic|bearer|digest|token)\\s+)?([^\"'\\s,;&]+)");

  private Assignments() {}

  /** {@code plain} (text without placeholders) with the values of sensitive keys replaced. */
  static String replace(String plain, FieldNames fieldNames) {
    Matcher key = ASSIGNMENT_KEY.matcher(plain).useTransparentBounds(true);
    Matcher value = ASSIGNMENT_VALUE.matcher(plain);
    StringBuilder out = new StringBuilder(plain.length());
    int copied = 0;
    while (key.find()) {
      if (!fieldNames.contains(key.group(2))) {
        continue;
      }
      value.region(key.end(), plain.length());
      if (value.lookingAt()) {
        out.append(plain, copied, value.start(1));
        out.append(SecretPlaceholders.of(SecretPlaceholders.nameOfField(key.group(2))));
        copied = value.end(1);
        key.region(copied, plain.length());
      }
    }
    return out.append(plain, copied, plain.length()).toString();
  }
}
