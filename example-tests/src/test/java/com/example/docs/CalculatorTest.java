package com.example.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cassette.annotations.Server;
import dev.cassette.annotations.Tape;
import dev.cassette.engine.client.CassetteClient;
import dev.cassette.engine.jupiter.CassetteTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

@CassetteTest
@Server(embedded = "wassette", settings = "componentDir=../components")
class CalculatorTest {

  @Test
  @Tape("calculator/add.tape.json")
  void adds(CassetteClient client) {
    client.initialize();

    JsonNode result = client.callTool("add", Map.of("a", 2, "b", 40));

    assertThat(result.at("/content/0/text").asString()).contains("42");
  }
}
