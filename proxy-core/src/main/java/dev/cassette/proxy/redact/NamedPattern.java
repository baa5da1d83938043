package dev.cassette.proxy.redact;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A pattern and the placeholder name for what it finds; {@code anchors} ({@code null} for a pattern
 * given to {@link Redactor#withPattern}) lets text without them skip the pattern.
 */
record NamedPattern(String name, Pattern pattern, Anchors anchors) {
  String replaceIn(String plain) {
    Matcher matcher = pattern.matcher(plain);
    StringBuilder out = new StringBuilder(plain.length());
    int copied = 0;
    while (matcher.find()) {
      boolean grouped = matcher.groupCount() >= 1 && matcher.group(1) != null;
      int start = grouped ? matcher.start(1) : matcher.start();
      int end = grouped ? matcher.end(1) : matcher.end();
      if (end > start) {
        out.append(plain, copied, start).append(SecretPlaceholders.of(name));
        copied = end;
      }
    }
    return out.append(plain, copied, plain.length()).toString();
  }
}
