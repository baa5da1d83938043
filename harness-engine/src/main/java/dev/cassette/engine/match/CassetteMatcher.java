package dev.cassette.engine.match;

import org.apiguardian.api.API;
import org.hamcrest.Matcher;

/**
 * Service provider interface for custom matchers, found with {@link java.util.ServiceLoader}.
 *
 * <p>A tape uses one by writing {@code "${json-unit.matches:NAME}"} as a recorded value; the live
 * value then passes when the matcher accepts it. Register an implementation in {@code
 * META-INF/services/dev.cassette.engine.match.CassetteMatcher}.
 *
 * <pre>{@code
 * public final class IsoInstantMatcher implements CassetteMatcher {
 *   public String name() { return "isoInstant"; }
 *   public Matcher<?> matcher() { return new IsoInstant(); }
 * }
 * }</pre>
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface CassetteMatcher {

  /** The name used in {@code ${json-unit.matches:NAME}}. */
  String name();

  /** The Hamcrest matcher applied to the live value (a number, string, boolean, map or list). */
  Matcher<?> matcher();
}
