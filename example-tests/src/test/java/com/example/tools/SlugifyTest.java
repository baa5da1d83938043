package com.example.tools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cassette.annotations.Server;
import dev.cassette.annotations.Tape;
import dev.cassette.engine.client.CassetteClient;
import dev.cassette.engine.jupiter.CassetteTest;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** One tape per invocation: {@code slugify/slugify-1.tape.json}, {@code -2}, {@code -3}. */
@CassetteTest
@Server(
    embedded = "wassette",
    settings = {"componentDir=../components", "deterministic=true"})
class SlugifyTest {

  @ParameterizedTest
  @CsvSource({
    "Hello World, hello-world",
    "'  Cassette: MCP tapes!  ', cassette-mcp-tapes",
    "Crème brûlée 2024, cr-me-br-l-e-2024"
  })
  @Tape("slugify/slugify.tape.json")
  void slugifies(String text, String slug, CassetteClient client) {
    client.initialize();

    String result =
        client.callTool("slugify", Map.of("text", text)).at("/content/0/text").asString();

    assertThat(result).contains(slug);
  }
}
