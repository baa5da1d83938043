package dev.cassette.host.policy;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * One {@code permissions.network.allow} entry.
 *
 * <p>{@code host} is a host name or address ({@code api.example.com}, {@code 127.0.0.1}),
 * optionally with a port ({@code 127.0.0.1:8080}) or a scheme ({@code https://api.example.com}); a
 * leading {@code *.} matches any subdomain. Scheme and port are checked only when given. Entries
 * are at most 300 characters; anything else (paths, user info, white space, control characters) is
 * refused.
 *
 * @param host the entry as written in the policy
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record NetworkGrant(String host) {
  /** Checks arguments. */
  public NetworkGrant {
    Objects.requireNonNull(host, "host");
    GrantValues.host(host);
  }

  /** Whether a request to {@code url} is allowed by this entry. */
  public boolean allows(URI url) {
    String target = url.getHost();
    if (target == null) {
      return false;
    }
    String entry = host.trim();
    String scheme = null;
    int schemeEnd = entry.indexOf("://");
    if (schemeEnd >= 0) {
      scheme = entry.substring(0, schemeEnd);
      entry = entry.substring(schemeEnd + 3);
    }
    int slash = entry.indexOf('/');
    if (slash >= 0) {
      entry = entry.substring(0, slash);
    }
    int port = -1;
    int colon = entry.lastIndexOf(':');
    if (colon > 0 && entry.indexOf(']') < colon && entry.substring(colon + 1).matches("\\d+")) {
      port = Integer.parseInt(entry.substring(colon + 1));
      entry = entry.substring(0, colon);
    }
    if (scheme != null && !scheme.equalsIgnoreCase(url.getScheme())) {
      return false;
    }
    if (port >= 0 && port != effectivePort(url)) {
      return false;
    }
    return hostMatches(entry.toLowerCase(Locale.ROOT), target.toLowerCase(Locale.ROOT));
  }

  private static boolean hostMatches(String pattern, String target) {
    String bare = pattern.startsWith("[") ? pattern.substring(1, pattern.length() - 1) : pattern;
    String bareTarget = target.startsWith("[") ? target.substring(1, target.length() - 1) : target;
    if (bare.startsWith("*.")) {
      return bareTarget.endsWith(bare.substring(1));
    }
    return bare.equals(bareTarget);
  }

  private static int effectivePort(URI url) {
    if (url.getPort() >= 0) {
      return url.getPort();
    }
    return "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
  }
}
