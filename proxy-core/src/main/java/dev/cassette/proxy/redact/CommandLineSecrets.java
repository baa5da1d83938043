package dev.cassette.proxy.redact;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The values of a command line's sensitive options: {@code --api-key=VALUE} and {@code --password
 * VALUE} (one or two dashes), where the option's name, in lower case without {@code -}, {@code _}
 * and {@code .}, ends with one of {@link #SUFFIXES}. A value in the next argument counts only when
 * that argument does not start with {@code -}; options named {@code --no-…} are flags.
 */
final class CommandLineSecrets {

  /** Ends of sensitive option names: {@code --api-key}, {@code --db-password}, {@code --token}. */
  static final List<String> SUFFIXES =
      List.of(
          "password",
          "passwd",
          "passphrase",
          "secret",
          "secretkey",
          "token",
          "apikey",
          "accesskey",
          "privatekey",
          "credential",
          "credentials",
          "auth");

  private CommandLineSecrets() {}

  /**
   * A secret on a command line.
   *
   * @param index the argument that holds it
   * @param start where in that argument it starts (after {@code =}, or 0)
   * @param name its placeholder name, after the option: {@code API_KEY} for {@code --api-key}
   * @param value the secret
   */
  record Value(int index, int start, String name, String value) {}

  static List<Value> find(List<String> command) {
    List<Value> found = new ArrayList<>();
    for (int i = 0; i < command.size(); i++) {
      String argument = command.get(i);
      String option = sensitiveOption(argument);
      if (option == null) {
        continue;
      }
      String name = SecretPlaceholders.nameOfField(option);
      int equals = argument.indexOf('=');
      if (equals >= 0) {
        String value = argument.substring(equals + 1);
        if (isValue(value)) {
          found.add(new Value(i, equals + 1, name, value));
        }
      } else if (i + 1 < command.size()
          && !command.get(i + 1).startsWith("-")
          && isValue(command.get(i + 1))) {
        found.add(new Value(i + 1, 0, name, command.get(i + 1)));
        i++;
      }
    }
    return found;
  }

  /** The option's name without dashes when {@code argument} is a sensitive option, else null. */
  private static String sensitiveOption(String argument) {
    if (!argument.startsWith("-")) {
      return null;
    }
    int nameStart = argument.startsWith("--") ? 2 : 1;
    int equals = argument.indexOf('=');
    String option = argument.substring(nameStart, equals < 0 ? argument.length() : equals);
    if (option.isEmpty() || !Character.isLetter(option.charAt(0))) {
      return null;
    }
    StringBuilder normalized = new StringBuilder(option.length());
    for (int i = 0; i < option.length(); i++) {
      char c = option.charAt(i);
      if (c == '-' || c == '_' || c == '.') {
        continue;
      }
      if (!Character.isLetterOrDigit(c)) {
        return null;
      }
      normalized.append(c);
    }
    String lower = normalized.toString().toLowerCase(Locale.ROOT);
    if (option.toLowerCase(Locale.ROOT).matches("no[-_].*")) {
      return null;
    }
    for (String suffix : SUFFIXES) {
      if (lower.endsWith(suffix)) {
        return option;
      }
    }
    return null;
  }

  /** Whether an option's value is one to replace: not blank and no placeholder already. */
  private static boolean isValue(String value) {
    return !value.isBlank() && !value.contains("${");
  }
}
