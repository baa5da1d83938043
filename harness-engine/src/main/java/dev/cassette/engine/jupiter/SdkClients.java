package dev.cassette.engine.jupiter;

import dev.cassette.engine.client.McpSdkTransport;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import java.time.Duration;

/** Builds SDK clients; loaded only when a test asks for one, so the SDK stays optional. */
final class SdkClients {

  private SdkClients() {}

  static McpSyncClient create(TapeSession session) {
    McpSyncClient client =
        McpClient.sync(new McpSdkTransport(session.connectionForClient()))
            .requestTimeout(Duration.ofSeconds(20))
            .initializationTimeout(Duration.ofSeconds(20))
            .build();
    session.register(client::close);
    return client;
  }
}
