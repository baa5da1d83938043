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
 * <p>A complete test class, {@code com.example.docs.CalculatorTest} in {@code example-tests}.
 * {@code @Server(embedded = "wassette")} needs {@code dev.cassette:wasm-host} (test scope) next to
 * {@code harness-engine}; {@code JsonNode} is Jackson 3's {@code tools.jackson.databind.JsonNode}.
 * See {@code docs/jupiter.md} for the dependencies and the supported JUnit version.
 *
 * <pre>{@code
 * import static org.assertj.core.api.Assertions.assertThat;
 *
 * import dev.cassette.annotations.Server;
 * import dev.cassette.annotations.Tape;
 * import dev.cassette.engine.client.CassetteClient;
 * import dev.cassette.engine.jupiter.CassetteTest;
 * import java.util.Map;
 * import org.junit.jupiter.api.Test;
 * import tools.jackson.databind.JsonNode;
 *
 * @CassetteTest
 * @Server(embedded = "wassette", settings = "componentDir=../components")
 * class CalculatorTest {
 *
 *   @Test
 *   @Tape("calculator/add.tape.json")
 *   void adds(CassetteClient client) {
 *     client.initialize();
 *
 *     JsonNode result = client.callTool("add", Map.of("a", 2, "b", 40));
 *
 *     assertThat(result.at("/content/0/text").asString()).contains("42");
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
