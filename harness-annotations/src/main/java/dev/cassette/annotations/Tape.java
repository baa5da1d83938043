package dev.cassette.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apiguardian.api.API;

/**
 * Records or verifies the MCP traffic of a Jupiter test against a tape.
 *
 * <p>The test drives an MCP client that Cassette injects (its own {@code CassetteClient} or the
 * official SDK's {@code McpSyncClient}). On the first run, or when re-recording, the live traffic
 * is written to the tape; on every other run the test runs against the live server and fails when a
 * response differs from the tape, or the test sends a request the tape does not hold. In offline
 * mode the tape itself plays the server.
 *
 * <p>The live server comes from {@link Server} (on the method, the class or an enclosing class),
 * else from the server block of an existing tape; {@link Match} loosens the comparison.
 *
 * <p>{@code @Tape} only describes the tape. The Jupiter extension that acts on it is registered
 * with {@code @CassetteTest} (from {@code harness-engine}) or
 * {@code @ExtendWith(CassetteExtension.class)}; this module stays free of any dependency. A
 * complete example with its imports and dependencies is in {@code docs/jupiter.md}.
 *
 * <pre>{@code
 * @CassetteTest
 * @Server(command = "node build/server.js stdio")
 * class WeatherTest {
 *   @Test
 *   @Tape("weather/oslo.tape.json")
 *   void forecastForOslo(CassetteClient client) {
 *     client.initialize();
 *     var result = client.callTool("forecast", Map.of("city", "Oslo"));
 *     assertThat(result.path("isError").asBoolean()).isFalse();
 *   }
 * }
 * }</pre>
 *
 * <p>On a class, every test method of the class (and of its {@code @Nested} classes) gets its own
 * tape: {@link #value()} then names a folder, and each tape is named after its method.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
public @interface Tape {

  /**
   * The tape's path relative to the tapes root ({@code cassette.tapes.root}, default {@code
   * src/test/resources/tapes}), for example {@code "weather/oslo.tape.json"}.
   *
   * <p>Empty (the default) means {@code <TestClass>/<testMethod>.tape.json}. On a class it names
   * the folder for the class's tapes. The placeholders {@code {index}} and {@code {displayName}}
   * name one tape per invocation of a {@code @ParameterizedTest} or {@code @RepeatedTest}; without
   * them an invocation's tape gets {@code -<index>} before {@code .tape.json}.
   */
  String value() default "";

  /**
   * The tape's human name, written into the tape; empty means the file name without {@code
   * .tape.json}.
   */
  String name() default "";

  /** Overrides {@code cassette.record} for this tape; {@link RecordMode#DEFAULT} follows it. */
  RecordMode record() default RecordMode.DEFAULT;

  /**
   * Serves the test from the tape alone, with no live server (also {@code cassette.offline=true}).
   */
  boolean offline() default false;
}
