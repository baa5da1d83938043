package dev.cassette.engine.record;

import dev.cassette.engine.match.MatchLayers;
import dev.cassette.engine.match.MatchSettings;
import dev.cassette.proxy.tape.Exchange;
import dev.cassette.proxy.tape.Tape;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Merges a fresh recording of a session into the tape it replaces, so that re-recording with {@code
 * cassette record} or a {@code @Tape} test gives a reviewable diff: an exchange whose client
 * message (apart from its JSON-RPC {@code id}, which clients such as the MCP Java SDK draw at
 * random) and the client's answers to server requests are unchanged keeps its recorded form (its
 * {@code id}, {@code match} block, placeholders, elapsed time) wherever the fresh response and
 * notifications still satisfy it, exactly as {@link TapeRewriter} does for the engine's record
 * modes; any other exchange is taken as freshly recorded. When nothing changed, the earlier tape is
 * kept byte for byte ({@link EarlierTape}).
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class RecordingMerge {

  private RecordingMerge() {}

  /**
   * The tape to write and what the merge kept.
   *
   * @param tape the merged tape ({@code earlier} itself when {@code unchanged})
   * @param unchanged whether the recording gave the earlier tape's exchanges, server and name
   * @param kept exchanges taken over from the earlier tape unchanged
   * @param updated exchanges of the earlier tape whose response or notifications were replaced
   */
  public record Result(Tape tape, boolean unchanged, int kept, int updated) {}

  /**
   * Merges {@code fresh} into {@code earlier}.
   *
   * @param earlier the tape as it was before the recording
   * @param fresh the tape the recording wrote
   */
  public static Result merge(Tape earlier, Tape fresh) {
    Objects.requireNonNull(earlier, "earlier");
    Objects.requireNonNull(fresh, "fresh");
    MatchSettings tapeSettings =
        MatchSettings.DEFAULTS.merge(MatchLayers.fromJson(earlier.match()));
    List<Exchange> merged = new ArrayList<>(fresh.exchanges().size());
    int kept = 0;
    int updated = 0;
    for (int i = 0; i < fresh.exchanges().size(); i++) {
      Exchange now = fresh.exchanges().get(i).withoutPosition();
      Exchange old = i < earlier.exchanges().size() ? earlier.exchanges().get(i) : null;
      if (old == null || !sameRequest(old, now)) {
        merged.add(now);
        continue;
      }
      now = withIdOf(old, now);
      MatchSettings settings = tapeSettings.merge(MatchLayers.fromJson(old.match()));
      Exchange rewritten =
          TapeRewriter.rewrite(
              old, new LiveExchange(now.response(), now.notifications()), settings);
      if (rewritten == old) {
        kept++;
      } else {
        updated++;
      }
      merged.add(rewritten.withoutPosition());
    }
    boolean unchanged =
        kept == earlier.exchanges().size()
            && kept == fresh.exchanges().size()
            && Objects.equals(earlier.name(), fresh.name())
            && earlier.tags().equals(fresh.tags())
            && earlier.server().equals(fresh.server())
            && earlier.components().equals(fresh.components());
    if (unchanged) {
      return new Result(earlier, true, kept, 0);
    }
    Tape tape =
        new Tape(
            fresh.version(),
            fresh.name(),
            fresh.tags(),
            fresh.recorded(),
            fresh.server(),
            fresh.components(),
            earlier.match(),
            merged,
            earlier.extensions());
    return new Result(tape, false, kept, updated);
  }

  private static boolean sameRequest(Exchange old, Exchange now) {
    return old.client().has("id") == now.client().has("id")
        && withoutId(old.client()).equals(withoutId(now.client()))
        && Objects.equals(old.serverRequests(), now.serverRequests());
  }

  private static JsonNode withoutId(JsonNode message) {
    if (message instanceof ObjectNode object && object.has("id")) {
      ObjectNode copy = object.deepCopy();
      copy.remove("id");
      return copy;
    }
    return message;
  }

  /** {@code now} with the request id (in its client message and response) of {@code old}. */
  private static Exchange withIdOf(Exchange old, Exchange now) {
    JsonNode id = old.client().get("id");
    JsonNode freshId = now.client().get("id");
    if (id == null || id.equals(freshId)) {
      return now;
    }
    JsonNode response = now.response();
    if (response instanceof ObjectNode object && Objects.equals(object.get("id"), freshId)) {
      response = object.deepCopy().set("id", id.deepCopy());
    }
    return new Exchange(
        ((ObjectNode) now.client()).deepCopy().set("id", id.deepCopy()),
        response,
        now.notifications(),
        now.serverRequests(),
        now.elapsedMillis(),
        now.match(),
        now.extensions(),
        now.position());
  }
}
