package dev.cassette.engine.match;

import dev.cassette.proxy.serve.RequestMatcher;
import dev.cassette.proxy.tape.Exchange;
import dev.cassette.proxy.tape.Tape;
import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The one matcher for client messages (requests and client notifications): {@code cassette serve},
 * offline {@code @Tape} and {@code @Tape} verification pair a client's message with a recorded one
 * through it, under the same settings and with the same differences as {@link JsonComparison}
 * reports for responses.
 *
 * <p>Before comparing, both messages lose their envelope ({@code id}, {@code jsonrpc}) and their
 * per-run metadata ({@code params._meta}); absent or {@code null} {@code params} are {@code {}}
 * (JSON-RPC lets a client omit empty params, and SDKs differ in whether they do); a recorded {@code
 * requestState} (2026-07-28) is any string; and the handshake's {@code clientInfo}, {@code
 * capabilities} and {@code protocolVersion} are not compared, since they differ between client
 * libraries without changing what the server says.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ClientMessageMatcher implements RequestMatcher {

  private static final List<String> HANDSHAKE_FIELDS =
      List.of("clientInfo", "capabilities", "protocolVersion");

  private final MatchSettings base;

  /**
   * A matcher whose settings start from {@code base}, then the tape's and the exchange's {@code
   * match} blocks.
   *
   * @param base the settings below the tape's (the built-in defaults, or configuration and
   *     {@code @Match})
   */
  public ClientMessageMatcher(MatchSettings base) {
    this.base = Objects.requireNonNull(base, "base");
  }

  @Override
  public List<String> differences(Tape tape, int index, JsonNode incoming) {
    Exchange exchange = tape.exchanges().get(index);
    MatchSettings settings =
        base.merge(MatchLayers.fromJson(tape.match()))
            .merge(MatchLayers.fromJson(exchange.match()));
    return compare(exchange.client(), incoming, settings).stream()
        .map(Difference::describe)
        .toList();
  }

  /**
   * Every difference between a recorded client message and a live one.
   *
   * @param recorded the recorded message (may hold placeholders)
   * @param live the message the client sent
   * @param settings the settings in force for the recorded exchange
   */
  public static List<Difference> compare(JsonNode recorded, JsonNode live, MatchSettings settings) {
    return JsonComparison.compare(comparable(recorded, true), comparable(live, false), settings);
  }

  private static JsonNode comparable(JsonNode message, boolean recorded) {
    if (!(message instanceof ObjectNode object)) {
      return message;
    }
    ObjectNode copy = object.deepCopy();
    copy.remove("id");
    copy.remove("jsonrpc");
    if (!copy.has("method")) {
      return copy;
    }
    JsonNode params = copy.get("params");
    if (params == null || params.isNull()) {
      copy.putObject("params");
    } else if (params instanceof ObjectNode fields) {
      fields.remove("_meta");
      if (recorded && fields.path("requestState").isString()) {
        fields.put("requestState", InputRequired.ANY_STATE);
      }
      if ("initialize".equals(copy.path("method").asString(""))) {
        fields.remove(HANDSHAKE_FIELDS);
      }
    }
    return copy;
  }
}
