package dev.cassette.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apiguardian.api.API;

/**
 * Matcher settings for a {@link TapeSuite} (or a {@code @Tape} test), merged over the configured
 * {@code cassette.match.*} settings; a tape's and an exchange's own {@code match} blocks override
 * them in turn. Attributes left at their defaults change nothing. See {@code docs/matchers.md}.
 *
 * <pre>{@code
 * @TapeSuite("tapes")
 * @Match(ignorePaths = "$.result.content[0].text", ignoreExtraFields = Flag.TRUE)
 * class LenientTapesTest {}
 * }</pre>
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public @interface Match {

  /**
   * JSON paths whose values are not compared, for example {@code $.result._meta} (added to the
   * paths ignored at lower levels).
   *
   * @return paths to ignore
   */
  String[] ignorePaths() default {};

  /**
   * Whether array order is ignored everywhere.
   *
   * @return the setting
   */
  Flag ignoreArrayOrder() default Flag.INHERIT;

  /**
   * JSON paths of arrays whose order is ignored (added to lower levels).
   *
   * @return array paths
   */
  String[] ignoreArrayOrderPaths() default {};

  /**
   * Whether fields the server now sends but the tape does not hold are accepted.
   *
   * @return the setting
   */
  Flag ignoreExtraFields() default Flag.INHERIT;

  /**
   * Whether a {@code null} value and an absent field are treated alike.
   *
   * @return the setting
   */
  Flag nullAsAbsent() default Flag.INHERIT;

  /**
   * Whether JSON carried as text in {@code content[].text} is compared structurally.
   *
   * @return the setting
   */
  Flag jsonInText() default Flag.INHERIT;

  /**
   * Whether notifications the tape does not hold fail the exchange.
   *
   * @return the setting
   */
  Flag strict() default Flag.INHERIT;

  /**
   * Whether notifications must arrive in recorded order.
   *
   * @return the setting
   */
  Flag orderedNotifications() default Flag.INHERIT;

  /**
   * The largest difference accepted between two numbers; negative for "not set here".
   *
   * @return the tolerance
   */
  double numericTolerance() default -1;
}
