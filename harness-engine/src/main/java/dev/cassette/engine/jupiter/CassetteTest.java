package dev.cassette.engine.jupiter;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apiguardian.api.API;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Registers {@link CassetteExtension} for a test class, so its {@link
 * dev.cassette.annotations.Tape @Tape} methods record and verify their MCP traffic.
 *
 * <p>{@code @Tape} lives in the dependency-free {@code harness-annotations} module and cannot
 * register a Jupiter extension itself; this annotation (or
 * {@code @ExtendWith(CassetteExtension.class)}) does.
 *
 * <pre>{@code
 * @CassetteTest
 * @TapeServer(command = {"node", "server.js", "stdio"})
 * class EchoTest {
 *   @Test
 *   @Tape("echo/hello.tape.json")
 *   void echoes(CassetteClient client) {
 *     client.initialize();
 *     assertThat(client.callTool("echo", Map.of("message", "hello")).toString()).contains("hello");
 *   }
 * }
 * }</pre>
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@ExtendWith(CassetteExtension.class)
public @interface CassetteTest {}
