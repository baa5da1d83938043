package dev.cassette.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apiguardian.api.API;

/**
 * Records or verifies the MCP traffic of a Jupiter test against a tape.
 *
 * <p>The first run (or a run with {@code cassette.record=all}) records the traffic into the tape;
 * every other run verifies it: a response that differs from the tape under the matchers fails the
 * test. Combine it with {@link Server} and {@link Match} on the test or its class.
 *
 * <pre>{@code
 * @Test
 * @Tape("weather/oslo.tape.json")
 * void forecastForOslo(CassetteClient client) {
 *   client.callTool("get-weather", Map.of("city", "Oslo"));
 * }
 * }</pre>
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public @interface Tape {

  /**
   * The tape file, relative to the tape folder (for example {@code weather/oslo.tape.json}).
   *
   * @return the tape's path
   */
  String value();

  /**
   * Whether the tape itself serves the test, with no live server ({@link Flag#INHERIT}: the {@code
   * cassette.offline} setting decides).
   *
   * @return the setting
   */
  Flag offline() default Flag.INHERIT;
}
