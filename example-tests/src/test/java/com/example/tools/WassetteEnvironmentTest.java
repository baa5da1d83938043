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
 * A {@code @Tape} test against the real {@code wassette} binary: the environment component of
 * {@code components/wassette/} (JavaScript, built with componentize-js) sees a variable only once
 * its policy allows it. {@code hermetic-run.sh} starts {@code wassette run} with the built
 * components, temporary HOME and XDG folders and {@code --env CASSETTE_DEMO=…}; the first run
 * recorded {@code src/test/resources/tapes/wassette/environment-grant.tape.json}, every later run
 * verifies the live Wassette against it (see docs/wassette.md, "A @Tape test on real Wassette").
 */
@CassetteTest
@Server(
    command =
        "../test-peers/wassette/hermetic-run.sh ../components/wassette"
            + " --env 'CASSETTE_DEMO=hello from Java'")
class WassetteEnvironmentTest {

  @Test
  @Tape("wassette/environment-grant.tape.json")
  void seesAVariableOnlyOnceGranted(CassetteClient client) {
    client.initialize();

    JsonNode denied = client.callTool("get-variable", Map.of("key", "CASSETTE_DEMO"));
    client.callTool(
        "grant-environment-variable-permission",
        Map.of("component_id", "environment", "details", Map.of("key", "CASSETTE_DEMO")));
    JsonNode allowed = client.callTool("get-variable", Map.of("key", "CASSETTE_DEMO"));

    assertThat(denied.at("/structuredContent/result/err").asString())
        .contains("'CASSETTE_DEMO' is not available");
    assertThat(allowed.at("/structuredContent/result/ok").asString()).isEqualTo("hello from Java");
  }
}
