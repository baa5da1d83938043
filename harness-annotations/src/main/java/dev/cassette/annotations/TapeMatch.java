package dev.cassette.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apiguardian.api.API;

/**
 * How responses are compared with the tape when a {@link Tape} test verifies.
 *
 * <p>These settings add to the tape's own {@code match} block. On a method they add to the class's.
 *
 * <pre>{@code
 * @Test
 * @Tape("clock/now.tape.json")
 * @TapeMatch(ignore = "$.result.content[0].text", ignoreArrayOrder = true)
 * void tellsTheTime(CassetteClient client) { ... }
 * }</pre>
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
public @interface TapeMatch {

  /**
   * JSON paths ignored in responses and requests, e.g. {@code "$.result.structuredContent.time"}.
   */
  String[] ignore() default {};

  /** Whether arrays may come in any order. */
  boolean ignoreArrayOrder() default false;

  /** Whether fields the tape does not hold are allowed in a live response. */
  boolean ignoreExtraFields() default false;

  /** Whether server notifications are left out of the comparison. */
  boolean ignoreNotifications() default false;
}
