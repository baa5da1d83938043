package dev.cassette.engine.jupiter;

import dev.cassette.engine.client.McpSdkTransport;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson3.JacksonMcpJsonMapper;
import java.time.Duration;
import tools.jackson.databind.SerializationFeature;

/** Builds SDK clients; loaded only when a test asks for one, so the SDK stays optional. */
final class SdkClients {

  private SdkClients() {}

  static McpSyncClient create(TapeSession session) {
    McpSyncClient client =
        McpClient.sync(new McpSdkTransport(session.connectionForClient(), mapper()))
            .requestTimeout(Duration.ofSeconds(20))
            .initializationTimeout(Duration.ofSeconds(20))
            .build();
    session.register(client::close);
    return client;
  }

  /**
   * The SDK's JSON mapper, writing map keys sorted (as {@link
   * dev.cassette.engine.client.CassetteClient} does), so that a test's {@code Map.of} arguments
   * give the same request on every run.
   */
  static McpJsonMapper mapper() {
    McpJsonMapper mapper = McpJsonDefaults.getMapper();
    if (mapper instanceof JacksonMcpJsonMapper jackson) {
      return new JacksonMcpJsonMapper(
          jackson
              .getJsonMapper()
              .rebuild()
              .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
              .build());
    }
    return mapper;
  }
}
