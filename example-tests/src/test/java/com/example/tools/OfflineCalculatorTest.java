package com.example.tools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cassette.annotations.Tape;
import dev.cassette.engine.client.CassetteClient;
import dev.cassette.engine.jupiter.CassetteTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A client-side test with no server at all: the committed tape {@code calculator/add.tape.json}
 * plays the server. This is how an MCP client or agent is tested against recorded tool behaviour.
 */
@CassetteTest
class OfflineCalculatorTest {

  @Test
  @Tape(value = "calculator/add.tape.json", offline = true)
  void answersFromTheTape(CassetteClient client) {
    client.initialize();

    assertThat(client.callTool("add", Map.of("a", 2, "b", 40)).at("/content/0/text").asString())
        .contains("42");
    assertThat(ProcessHandle.current().children()).isEmpty();
  }
}
