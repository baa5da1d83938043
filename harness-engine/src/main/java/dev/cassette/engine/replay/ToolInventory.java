package dev.cassette.engine.replay;

import dev.cassette.proxy.tape.Exchange;
import dev.cassette.proxy.tape.Tape;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * The tools the tape's {@code tools/list} exchanges listed when recorded and those the live server
 * lists in this replay, to name the obsolete tools a tape calls: listed when recorded, not listed
 * now. A tool the tape calls that no recorded listing holds (a deliberate call of an unknown tool)
 * is not obsolete; its exchange is matched like any other.
 */
final class ToolInventory {

  private final Set<String> recorded = new LinkedHashSet<>();
  private Set<String> live;

  /**
   * Takes the tools of a {@code tools/list} exchange: {@code recordedResponse} from the tape,
   * {@code liveResponse} from the server (either may be {@code null}).
   */
  void observe(JsonNode client, JsonNode recordedResponse, JsonNode liveResponse) {
    if (!"tools/list".equals(client.path("method").asString())) {
      return;
    }
    names(recordedResponse).ifPresent(recorded::addAll);
    names(liveResponse)
        .ifPresent(
            names -> {
              if (live == null) {
                live = new LinkedHashSet<>();
              }
              live.addAll(names);
            });
  }

  Optional<String> obsoleteNote(JsonNode client) {
    return calledTool(client)
        .filter(this::obsolete)
        .map(name -> "obsolete: the server no longer lists the tool \"" + name + "\"");
  }

  List<String> obsolete(Tape tape) {
    Set<String> missing = new LinkedHashSet<>();
    for (Exchange exchange : tape.exchanges()) {
      calledTool(exchange.client()).filter(this::obsolete).ifPresent(missing::add);
    }
    return List.copyOf(missing);
  }

  private boolean obsolete(String tool) {
    return live != null && recorded.contains(tool) && !live.contains(tool);
  }

  private static Optional<String> calledTool(JsonNode client) {
    return "tools/call".equals(client.path("method").asString())
        ? Optional.of(client.path("params").path("name").asString())
        : Optional.empty();
  }

  private static Optional<List<String>> names(JsonNode response) {
    if (response == null || !response.path("result").path("tools").isArray()) {
      return Optional.empty();
    }
    return Optional.of(
        response
            .path("result")
            .path("tools")
            .valueStream()
            .map(tool -> tool.path("name").asString())
            .toList());
  }
}
