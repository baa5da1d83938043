package dev.cassette.proxy.redact;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** The patterns and field names {@link Redactor#defaults()} starts with. */
final class DefaultRules {

  /**
   * Token shapes, by placeholder name, most specific first; group 1 (when present) is the secret.
   */
  static final Map<String, Pattern> PATTERNS = patterns();

  /**
   * Field and header names whose string values are secrets, compared in lower case with {@code -}
   * and {@code _} removed.
   */
  static final Set<String> FIELDS =
      Set.of(
          "authorization",
          "proxyauthorization",
          "cookie",
          "setcookie",
          "xapikey",
          "apikey",
          "xauthtoken",
          "token",
          "accesstoken",
          "refreshtoken",
          "idtoken",
          "authtoken",
          "sessiontoken",
          "bearertoken",
          "password",
          "passwd",
          "secret",
          "clientsecret",
          "apisecret",
          "privatekey");

  private DefaultRules() {}

  private static Map<String, Pattern> patterns() {
    Map<String, Pattern> patterns = new LinkedHashMap<>();
    patterns.put("API_KEY", Pattern.compile("\\b(sk-(?:proj-|ant-)?[A-Za-z0-9_\\-]{16,})"));
    patterns.put(
        "GITHUB_TOKEN",
        Pattern.compile("\\b((?:gh[pousr]_[A-Za-z0-9]{30,})|(?:github_pat_[A-Za-z0-9_]{22,}))"));
    patterns.put("SLACK_TOKEN", Pattern.compile("\\b(xox[abposr]-[A-Za-z0-9\\-]{10,})"));
    patterns.put("AWS_ACCESS_KEY_ID", Pattern.compile("\\b((?:AKIA|ASIA)[0-9A-Z]{16})\\b"));
    patterns.put("GOOGLE_API_KEY", Pattern.compile("\\b(AIza[0-9A-Za-z_\\-]{35})"));
    patterns.put(
        "JWT",
        Pattern.compile("\\b(eyJ[A-Za-z0-9_\\-]{8,}\\.eyJ[A-Za-z0-9_\\-]{8,}\\.[A-Za-z0-9_\\-]+)"));
    patterns.put(
        "BEARER_TOKEN",
        Pattern.compile(
            "(?i)\\bbearer\\s+((?=[A-Za-z0-9\\-._~+/]*[0-9])[A-Za-z0-9\\-._~+/]{8,}=*)"));
    return patterns;
  }
}
