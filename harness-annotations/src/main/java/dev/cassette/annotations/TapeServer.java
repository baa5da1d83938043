package dev.cassette.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apiguardian.api.API;

/**
 * The live MCP server a {@link Tape} test records against and verifies against.
 *
 * <p>Give exactly one of {@link #command()}, {@link #embedded()} or {@link #url()}. On a method it
 * replaces the class's settings; on a {@code @Nested} class it replaces the enclosing class's.
 *
 * <pre>{@code
 * // a child process spoken to over stdio
 * @TapeServer(command = {"node", "dist/index.js", "stdio"}, env = "API_TOKEN")
 *
 * // the embedded Wassette-compatible host, loading components from a folder
 * @TapeServer(embedded = "wassette", componentDir = "components/build")
 * }</pre>
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
public @interface TapeServer {

  /**
   * The command line of a server spoken to over stdio, for example {@code {"wassette", "run"}}. The
   * first element may be a system property reference {@code ${name}}, resolved when the test runs.
   */
  String[] command() default {};

  /**
   * Names of environment variables passed from the test's environment to the server. Only the names
   * reach the tape, never the values.
   */
  String[] env() default {};

  /** The server's working directory, relative to the project directory; empty means inherit. */
  String workingDirectory() default "";

  /** The name of an embedded server (an {@code EmbeddedServerProvider}), e.g. {@code wassette}. */
  String embedded() default "";

  /** The component folder of the embedded Wassette-compatible host ({@code componentDir}). */
  String componentDir() default "";

  /** Further embedded server settings as {@code key=value}, for example {@code "seed=42"}. */
  String[] settings() default {};

  /** The Streamable HTTP endpoint of a running server. */
  String url() default "";
}
