package dev.cassette.proxy.redact;

import java.util.List;
import java.util.Locale;

/**
 * Which inherited environment variables hold secrets, by name: a server gets the recorder's whole
 * environment, and a variable named like {@code DB_PASSWORD} holds one whatever its value looks
 * like.
 */
final class SensitiveVariables {

  /** Words a sensitive name contains anywhere (compared in upper case). */
  static final List<String> CONTAINED =
      List.of(
          "PASSWORD",
          "PASSWD",
          "PASSPHRASE",
          "SECRET",
          "TOKEN",
          "APIKEY",
          "API_KEY",
          "ACCESSKEY",
          "ACCESS_KEY",
          "PRIVATEKEY",
          "PRIVATE_KEY",
          "CREDENTIAL");

  /** Words a sensitive name has as one of its {@code _}-separated parts. */
  static final List<String> WORDS = List.of("AUTH");

  /**
   * Values shorter than this are not treated as secrets, so that {@code TOKEN_TTL=3600} does not
   * redact every {@code 3600}.
   */
  static final int MIN_VALUE_LENGTH = 6;

  private SensitiveVariables() {}

  static boolean isSensitive(String name) {
    String upper = name.toUpperCase(Locale.ROOT);
    for (String word : CONTAINED) {
      if (upper.contains(word)) {
        return true;
      }
    }
    for (String part : upper.split("_", -1)) {
      if (WORDS.contains(part)) {
        return true;
      }
    }
    return false;
  }

  /** Whether the variable's value is a secret to look for. */
  static boolean isSecret(String name, String value) {
    return value != null
        && value.strip().length() >= MIN_VALUE_LENGTH
        && name != null
        && isSensitive(name);
  }
}
