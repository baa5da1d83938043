package dev.cassette.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apiguardian.api.API;

/**
 * The MCP server under test for a {@link TapeSuite} (or a {@code @Tape} test).
 *
 * <p>Give either a {@link #command()} (a child process spoken to over stdio) or an {@link
 * #embedded()} server found on the classpath. Configuration ({@code cassette.server.*}) overrides
 * this annotation; this annotation overrides the server block recorded in each tape.
 *
 * <pre>{@code
 * @TapeSuite("tapes")
 * @Server(command = "node dist/index.js stdio", env = {"API_KEY", "MODE=test"})
 * class EverythingTapesTest {}
 * }</pre>
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public @interface Server {

  /**
   * The command line that starts the server, split into words as a POSIX shell does (quotes and
   * backslashes work; no variables or globs). Empty when the server is embedded.
   *
   * @return the command line
   */
  String command() default "";

  /**
   * Environment for the server: {@code NAME=value}, or just {@code NAME} to pass the variable of
   * the same name through from the test's environment.
   *
   * @return environment entries
   */
  String[] env() default {};

  /**
   * The server's working directory, relative to the test's working directory; empty for the test's
   * own.
   *
   * @return the working directory
   */
  String workingDirectory() default "";

  /**
   * The name of an embedded (in-process) server provider, for example {@code wassette}.
   *
   * @return the provider name, or empty
   */
  String embedded() default "";

  /**
   * Settings for the embedded server as {@code key=value}, for example {@code
   * componentDir=build/components}.
   *
   * @return settings
   */
  String[] settings() default {};
}
