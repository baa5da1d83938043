package dev.cassette.proxy.serve;

import java.util.List;
import org.apiguardian.api.API;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Compares a client message with a recorded one, so that a {@link TapeServer} can pick the recorded
 * exchange that answers it and name the nearest miss.
 *
 * <p>Both messages are compared without their {@code id} and {@code jsonrpc} members. The default
 * ({@link #structural()}) honours {@code ignorePaths} of a {@code match} block and json-unit
 * placeholders ({@code ${json-unit.ignore}}, {@code ${json-unit.any-string}}, …) in the recorded
 * values; the engine plugs in its json-unit matcher through this interface.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
@FunctionalInterface
public interface RequestMatcher {

  /**
   * Lists the differences between a recorded message and an incoming one.
   *
   * @param recorded the recorded client message
   * @param incoming the message the client sent now
   * @param match the tape's and the exchange's {@code match} blocks merged, or {@code null}
   * @return one line per difference, JSON path first; empty when they match
   */
  List<String> differences(JsonNode recorded, JsonNode incoming, ObjectNode match);

  /** The built-in matcher: structural equality with ignore paths and placeholders. */
  static RequestMatcher structural() {
    return new StructuralMatcher();
  }
}
