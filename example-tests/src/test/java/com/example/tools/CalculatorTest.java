package com.example.tools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cassette.annotations.Server;
import dev.cassette.annotations.Tape;
import dev.cassette.engine.client.CassetteClient;
import dev.cassette.engine.jupiter.CassetteTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Tests of the calculator component with Cassette's own client. The first run records each tape
 * under {@code src/test/resources/tapes/calculator/}; every later run verifies the live host
 * against it.
 */
@CassetteTest
@Server(
    embedded = "wassette",
    settings = {"componentDir=../components", "deterministic=true"})
class CalculatorTest {

  @Test
  @Tape("calculator/add.tape.json")
  void adds(CassetteClient client) {
    client.initialize();

    JsonNode result = client.callTool("add", Map.of("a", 2, "b", 40));

    assertThat(result.path("isError").asBoolean(false)).isFalse();
    assertThat(result.at("/content/0/text").asString()).contains("42");
  }

  @Test
  @Tape("calculator/divide-by-zero.tape.json")
  void refusesToDivideByZero(CassetteClient client) {
    client.initialize();

    JsonNode result = client.callTool("divide", Map.of("a", 1, "b", 0));

    // Wassette returns a component's err as the result, not as an MCP tool error
    assertThat(result.at("/structuredContent/result/err").asString()).isEqualTo("division by zero");
  }

  @Test
  @Tape("calculator/tools.tape.json")
  void listsItsTools(CassetteClient client) {
    client.initialize();

    assertThat(client.listTools().path("tools").valueStream().map(t -> t.path("name").asString()))
        .contains("add", "subtract", "multiply", "divide");
  }
}
