package dev.cassette.proxy.tape;

import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;
import tools.jackson.databind.node.ObjectNode;

/**
 * A recorded MCP session: what was recorded, against which server, and the ordered exchanges.
 *
 * <p>A tape is a value; {@code TapeCodec} reads and writes it as {@code *.tape.json}. Fields a
 * newer minor version of the format adds are kept in {@link #extensions()} and written back
 * unchanged. See {@code docs/tape-format.md}.
 *
 * @param version the format's major version ({@value #FORMAT_VERSION} for this release)
 * @param name a human name for the tape
 * @param tags tags, which become JUnit tags on replay
 * @param recorded when and with what the tape was recorded, or {@code null}
 * @param server the server the tape was recorded against, or {@code null}
 * @param components the WebAssembly components in play
 * @param match the tape-wide matcher settings (a {@code match} block), or {@code null}
 * @param exchanges the exchanges in the order the client sent them
 * @param extensions unknown top-level fields, kept for rewrite, or {@code null}
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record Tape(
    int version,
    String name,
    List<String> tags,
    Recording recorded,
    ServerSpec server,
    List<Component> components,
    ObjectNode match,
    List<Exchange> exchanges,
    ObjectNode extensions) {

  /** The major version of the tape format this release reads and writes. */
  public static final int FORMAT_VERSION = 1;

  /** Checks arguments and copies the lists. */
  public Tape {
    Objects.requireNonNull(name, "name");
    tags = List.copyOf(Objects.requireNonNullElse(tags, List.of()));
    components = List.copyOf(Objects.requireNonNullElse(components, List.of()));
    exchanges = List.copyOf(Objects.requireNonNull(exchanges, "exchanges"));
  }

  /** A copy with other exchanges. */
  public Tape withExchanges(List<Exchange> newExchanges) {
    return new Tape(
        version, name, tags, recorded, server, components, match, newExchanges, extensions);
  }

  /** A copy with other components. */
  public Tape withComponents(List<Component> newComponents) {
    return new Tape(
        version, name, tags, recorded, server, newComponents, match, exchanges, extensions);
  }

  /** A copy with another server block. */
  public Tape withServer(ServerSpec newServer) {
    return new Tape(
        version, name, tags, recorded, newServer, components, match, exchanges, extensions);
  }
}
