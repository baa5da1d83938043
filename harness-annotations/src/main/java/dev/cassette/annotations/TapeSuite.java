package dev.cassette.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apiguardian.api.API;

/**
 * Marks a class as a suite of tapes for the {@code cassette} test engine.
 *
 * <p>Build tools such as Surefire only hand classes to test engines; this annotation gives them
 * one. The engine replays every {@code *.tape.json} under the named locations, one test per
 * exchange. Combine it with {@link Server} to name the server under test and {@link Match} for
 * matcher defaults.
 *
 * <p>Surefire's default includes are {@code **}{@code /Test*.java}, {@code **}{@code /*Test.java},
 * {@code **}{@code /*Tests.java} and {@code **}{@code /*TestCase.java}: name the class so that it
 * ends in {@code Test}, or add it to Surefire's {@code <includes>}, or it is not run.
 *
 * <pre>{@code
 * @TapeSuite("classpath:tapes/weather")
 * @Server(command = "node build/server.js")
 * @Match(ignorePaths = "$.result._meta")
 * class WeatherTapesTest {}
 * }</pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public @interface TapeSuite {

  /**
   * Where the tapes are: a tape file or a directory searched recursively for {@code *.tape.json}. A
   * location starting with {@code classpath:} names a classpath resource or package folder (for
   * example {@code classpath:tapes/weather}); any other location is a path, relative to the working
   * directory. When empty, the tapes on the classpath in the suite class's own package are used.
   *
   * @return the tape locations
   */
  String[] value() default {};
}
