package dev.cassette.engine.replay;

import dev.cassette.proxy.jsonrpc.Json;
import dev.cassette.proxy.tape.ServerSpec;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;
import tools.jackson.databind.node.ObjectNode;

/**
 * A server named by configuration or by {@code @Server}: a command line or an embedded provider,
 * with environment values and settings.
 *
 * @param command the command's words, empty for an embedded server
 * @param environment environment values for the server
 * @param workingDirectory the working directory, or {@code null}
 * @param embedded the embedded provider's name, or {@code null}
 * @param settings the embedded server's settings
 * @param origin where it was named, for messages (for example {@code cassette.server.command})
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public record ServerOverride(
    List<String> command,
    Map<String, String> environment,
    String workingDirectory,
    String embedded,
    Map<String, String> settings,
    String origin) {

  /** Copies the collections. */
  public ServerOverride {
    command = List.copyOf(command);
    environment = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(environment));
    settings = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(settings));
  }

  /** Whether this names a server at all. */
  public boolean isPresent() {
    return !command.isEmpty() || embedded != null;
  }

  /** The server as a tape-model spec (environment names only). */
  public ServerSpec toSpec() {
    if (!command.isEmpty()) {
      return new ServerSpec(
          ServerSpec.STDIO,
          command,
          null,
          null,
          List.copyOf(environment.keySet()),
          workingDirectory,
          null,
          null,
          null);
    }
    ObjectNode node = Json.mapper().createObjectNode();
    node.put("name", embedded);
    settings.forEach(node::put);
    return new ServerSpec(
        ServerSpec.EMBEDDED,
        List.of(),
        null,
        node,
        List.copyOf(environment.keySet()),
        workingDirectory,
        null,
        null,
        null);
  }
}
