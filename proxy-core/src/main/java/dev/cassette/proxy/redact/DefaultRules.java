package dev.cassette.proxy.redact;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** The patterns and field names {@link Redactor#defaults()} starts with. */
final class DefaultRules {

  /**
   * Secret shapes, most specific first (a private key's body before any token inside it); group 1
   * (when present) is the secret. Each names the literals one of which every match contains, so
   * that text without them is skipped unscanned.
   */
  static final List<Rule> PATTERNS = patterns();

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

  private static List<Rule> patterns() {
    return List.of(
        new Rule(
            "PRIVATE_KEY",
            Pattern.compile(
                "-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----"
                    + "(.+?)(?:-----END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----|\\z)",
                Pattern.DOTALL),
            Anchors.of("-----BEGIN ")),
        new Rule(
            "URL_PASSWORD",
            Pattern.compile(
                "\\b[A-Za-z][A-Za-z0-9+.\\-]*://[^\\s/?#@:\"'<>\\\\]*:([^\\s/?#@\"'<>\\\\]+)@"),
            Anchors.followedBy(DefaultRules::userInfoWithPassword, "://")),
        new Rule(
            "API_KEY",
            Pattern.compile("\\b(sk-(?:proj-|ant-)?[A-Za-z0-9_\\-]{16,})"),
            Anchors.of("sk-")),
        new Rule(
            "GITHUB_TOKEN",
            Pattern.compile("\\b((?:gh[pousr]_[A-Za-z0-9]{30,})|(?:github_pat_[A-Za-z0-9_]{22,}))"),
            Anchors.of("ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_")),
        new Rule(
            "SLACK_TOKEN",
            Pattern.compile("\\b(xox[abposr]-[A-Za-z0-9\\-]{10,})"),
            Anchors.of("xox")),
        new Rule(
            "AWS_ACCESS_KEY_ID",
            Pattern.compile("\\b((?:AKIA|ASIA)[0-9A-Z]{16})\\b"),
            Anchors.of("AKIA", "ASIA")),
        new Rule(
            "GOOGLE_API_KEY", Pattern.compile("\\b(AIza[0-9A-Za-z_\\-]{35})"), Anchors.of("AIza")),
        new Rule(
            "JWT",
            Pattern.compile(
                "\\b(eyJ[A-Za-z0-9_\\-]{8,}\\.eyJ[A-Za-z0-9_\\-]{8,}\\.[A-Za-z0-9_\\-]+)"),
            Anchors.of("eyJ")),
        new Rule(
            "BEARER_TOKEN",
            Pattern.compile(
                "(?i)\\bbearer\\s+((?=[A-Za-z0-9\\-._~+/]*[0-9])[A-Za-z0-9\\-._~+/]{8,}=*)"),
            Anchors.ignoringAsciiCase("bearer")));
  }

  /**
   * Whether a {@code user:password@} can follow a {@code ://} at {@code from}: a {@code :} and then
   * an {@code @} before the authority ends, so that the many URLs without one skip the pattern.
   */
  static boolean userInfoWithPassword(String text, int from) {
    boolean colon = false;
    for (int i = from, n = text.length(); i < n; i++) {
      char c = text.charAt(i);
      switch (c) {
        case ':' -> colon = true;
        case '@' -> {
          return colon;
        }
        case ' ', '\t', '\n', 0x0B, '\f', '\r', '/', '?', '#', '"', '\'', '<', '>', '\\' -> {
          return false;
        }
        default -> {}
      }
    }
    return false;
  }

  /** A built-in token shape. */
  record Rule(String name, Pattern pattern, Anchors anchors) {}
}
