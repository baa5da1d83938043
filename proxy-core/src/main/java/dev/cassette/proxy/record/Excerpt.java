package dev.cassette.proxy.record;

/** Short, single-line excerpts of text for status lines and error messages. */
final class Excerpt {

  static final int MAX_CHARS = 120;

  private Excerpt() {}

  /** The text on one line (control characters escaped), cut at {@value #MAX_CHARS} characters. */
  static String of(String text) {
    StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_CHARS) + 16);
    for (int i = 0; i < text.length() && out.length() < MAX_CHARS; i++) {
      char c = text.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    if (out.length() >= MAX_CHARS && text.length() > MAX_CHARS) {
      out.setLength(MAX_CHARS);
      out.append("… (").append(text.length()).append(" chars)");
    }
    return out.toString();
  }
}
