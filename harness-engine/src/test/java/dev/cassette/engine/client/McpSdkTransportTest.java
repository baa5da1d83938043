package dev.cassette.engine.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class McpSdkTransportTest {

  @Test
  void theOfficialSdkClientTalksThroughACassetteConnection() throws Exception {
    McpSyncClient client =
        McpClient.sync(new McpSdkTransport(Everything.open()))
            .requestTimeout(Duration.ofSeconds(20))
            .build();
    try {
      McpSchema.InitializeResult init = client.initialize();
      assertThat(init.serverInfo().name()).contains("everything");

      assertThat(client.listTools().tools()).extracting(McpSchema.Tool::name).contains("echo");
      McpSchema.CallToolResult echo =
          client.callTool(
              McpSchema.CallToolRequest.builder("echo")
                  .arguments(Map.of("message", "sdk"))
                  .build());
      assertThat(((McpSchema.TextContent) echo.content().get(0)).text()).isEqualTo("Echo: sdk");
      client.ping();
    } finally {
      client.closeGracefully();
    }
  }
}
