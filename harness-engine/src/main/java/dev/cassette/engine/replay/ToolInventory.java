package dev.cassette.engine.replay;

import dev.cassette.proxy.tape.Exchange;
import dev.cassette.proxy.tape.Tape;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * The tools the live server listed in this replay (from the tape's own {@code tools/list}
 * exchanges), to name tools a tape calls that the server no longer offers.
 */
final class ToolInventory {

  private Set<String> listed;

  void observe(JsonNode client, JsonNode response) {
    if (response != null
        && "tools/list".equals(client.path("method").asString())
        && response.path("result").path("tools").isArray()) {
      Set<String> names = listed == null ? new LinkedHashSet<>() : listed;
      for (JsonNode tool : response.path("result").path("tools")) {
        names.add(tool.path("name").asString());
      }
      listed = names;
    }
  }

  Optional<String> obsoleteNote(JsonNode client) {
    if (listed == null || !"tools/call".equals(client.path("method").asString())) {
      return Optional.empty();
    }
    String name = client.path("params").path("name").asString();
    return listed.contains(name)
        ? Optional.empty()
        : Optional.of("obsolete: the server no longer lists the tool \"" + name + "\"");
  }

  List<String> obsolete(Tape tape) {
    if (listed == null) {
      return List.of();
    }
    Set<String> missing = new LinkedHashSet<>();
    for (Exchange exchange : tape.exchanges()) {
      JsonNode client = exchange.client();
      if ("tools/call".equals(client.path("method").asString())) {
        String name = client.path("params").path("name").asString();
        if (!listed.contains(name)) {
          missing.add(name);
        }
      }
    }
    return List.copyOf(missing);
  }
}
