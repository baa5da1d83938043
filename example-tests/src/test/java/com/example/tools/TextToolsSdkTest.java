package com.example.tools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cassette.annotations.Server;
import dev.cassette.annotations.Tape;
import dev.cassette.engine.jupiter.CassetteTest;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The same kind of test written against the official MCP Java SDK client. */
@CassetteTest
@Server(
    embedded = "wassette",
    settings = {"componentDir=../components", "deterministic=true"})
class TextToolsSdkTest {

  @Test
  @Tape("text-tools/reverse.tape.json")
  void reverses(McpSyncClient client) {
    client.initialize();

    McpSchema.CallToolResult result =
        client.callTool(
            McpSchema.CallToolRequest.builder("reverse")
                .arguments(Map.of("text", "cassette"))
                .build());

    assertThat(result.isError()).isNotEqualTo(Boolean.TRUE);
    assertThat(((McpSchema.TextContent) result.content().get(0)).text()).contains("ettessac");
  }
}
