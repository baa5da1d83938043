package dev.cassette.proxy.redact;

import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The {@code ${secret:NAME}} placeholder syntax, and the text between placeholders. */
final class SecretPlaceholders {

  /** Any {@code ${...}} placeholder, secret or json-unit; redaction never looks inside one. */
  private static final Pattern ANY_PLACEHOLDER = Pattern.compile("\\$\\{[^}]*}");

  private static final Pattern SECRET = Pattern.compile("\\$\\{secret:([^{}$\\s]+)}");

  private static final Pattern NAME = Pattern.compile("[^{}$\\s]+");

  private SecretPlaceholders() {}

  static String of(String name) {
    return "${secret:" + name + "}";
  }

  static String checkedName(String name, String parameter) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          parameter
              + " must be non-empty without whitespace, '{', '}' or '$' but was \""
              + name
              + "\"");
    }
    return name;
  }

  /** A field name as a placeholder name: upper case, other characters as {@code _}. */
  static String nameOfField(String field) {
    return field.toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
  }

  static boolean isPlaceholder(String text) {
    return ANY_PLACEHOLDER.matcher(text).matches();
  }

  /** Applies {@code change} to the text between placeholders, leaving placeholders as they are. */
  static String outsidePlaceholders(String text, UnaryOperator<String> change) {
    if (text.indexOf("${") < 0) {
      return change.apply(text);
    }
    Matcher matcher = ANY_PLACEHOLDER.matcher(text);
    StringBuilder out = new StringBuilder(text.length());
    int plainStart = 0;
    while (matcher.find()) {
      out.append(change.apply(text.substring(plainStart, matcher.start())));
      out.append(matcher.group());
      plainStart = matcher.end();
    }
    out.append(change.apply(text.substring(plainStart)));
    return out.toString();
  }

  /** Replaces each {@code ${secret:NAME}} whose name the environment holds with its value. */
  static String restore(String text, Map<String, String> environment) {
    if (!text.contains("${secret:")) {
      return text;
    }
    Matcher matcher = SECRET.matcher(text);
    StringBuilder out = new StringBuilder(text.length());
    while (matcher.find()) {
      String value = environment.get(matcher.group(1));
      matcher.appendReplacement(
          out, Matcher.quoteReplacement(value == null ? matcher.group() : value));
    }
    matcher.appendTail(out);
    return out.toString();
  }
}
