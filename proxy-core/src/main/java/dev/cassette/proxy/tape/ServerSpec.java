package dev.cassette.proxy.tape;

import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The server a tape was recorded against, and what it said about itself.
 *
 * @param transport {@code stdio}, {@code http} or {@code embedded}
 * @param command the command line for {@code stdio}, else empty
 * @param url the endpoint for {@code http}, else {@code null}
 * @param embedded the embedded server's name and settings for {@code embedded}, else {@code null}
 * @param env the <em>names</em> of environment variables given to the server (never values)
 * @param workingDirectory the server's working directory, or {@code null}
 * @param componentDir the folder whose components a Wassette-like server loads at start (a word of
 *     its command, or its setting), or {@code null}; recorded components from it are staged into a
 *     fresh folder on replay
 * @param protocolVersion the negotiated protocol version, or {@code null}
 * @param serverInfo the server's {@code serverInfo} object, or {@code null}
 * @param extensions unknown fields, kept for rewrite, or {@code null}
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record ServerSpec(
    String transport,
    List<String> command,
    String url,
    ObjectNode embedded,
    List<String> env,
    String workingDirectory,
    String componentDir,
    String protocolVersion,
    JsonNode serverInfo,
    ObjectNode extensions) {

  /** Transport name of a child process spoken to over stdio. */
  public static final String STDIO = "stdio";

  /** Transport name of a Streamable HTTP endpoint. */
  public static final String HTTP = "http";

  /** Transport name of an in-process server found through the launcher SPI. */
  public static final String EMBEDDED = "embedded";

  /** Checks arguments and copies the lists. */
  public ServerSpec {
    Objects.requireNonNull(transport, "transport");
    command = List.copyOf(Objects.requireNonNullElse(command, List.of()));
    env = List.copyOf(Objects.requireNonNullElse(env, List.of()));
  }

  /** A server spec without a component folder. */
  public ServerSpec(
      String transport,
      List<String> command,
      String url,
      ObjectNode embedded,
      List<String> env,
      String workingDirectory,
      String protocolVersion,
      JsonNode serverInfo,
      ObjectNode extensions) {
    this(
        transport,
        command,
        url,
        embedded,
        env,
        workingDirectory,
        null,
        protocolVersion,
        serverInfo,
        extensions);
  }

  /** A stdio server spec for a command line. */
  public static ServerSpec stdio(List<String> command) {
    return new ServerSpec(STDIO, command, null, null, List.of(), null, null, null, null);
  }

  /** A copy with another command line. */
  public ServerSpec withCommand(List<String> newCommand) {
    return new ServerSpec(
        transport,
        newCommand,
        url,
        embedded,
        env,
        workingDirectory,
        componentDir,
        protocolVersion,
        serverInfo,
        extensions);
  }

  /** A copy naming the folder whose components the server loads at start. */
  public ServerSpec withComponentDir(String newComponentDir) {
    return new ServerSpec(
        transport,
        command,
        url,
        embedded,
        env,
        workingDirectory,
        newComponentDir,
        protocolVersion,
        serverInfo,
        extensions);
  }

  /** A copy with what the server said in its handshake. */
  public ServerSpec withHandshake(String newProtocolVersion, JsonNode newServerInfo) {
    return new ServerSpec(
        transport,
        command,
        url,
        embedded,
        env,
        workingDirectory,
        componentDir,
        newProtocolVersion,
        newServerInfo,
        extensions);
  }
}
