package dev.cassette.engine.replay;

import dev.cassette.proxy.tape.Component;
import dev.cassette.proxy.tape.Tape;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/** Which recorded component provides a tool, from the tools each component of the tape lists. */
final class ComponentTools {

  private final Map<String, Component> byTool = new HashMap<>();

  ComponentTools(Tape tape) {
    for (Component component : tape.components()) {
      component.tools().forEach(tool -> byTool.putIfAbsent(tool, component));
    }
  }

  /**
   * An exchange's name with the component whose tool it calls, e.g. {@code tools/call summarize
   * (#3) of component inventory (components/wassette/inventory.wasm)}; the name alone for other
   * exchanges.
   */
  String name(String exchangeName, JsonNode client) {
    return component(client)
        .map(
            component ->
                exchangeName
                    + " of component "
                    + component.id()
                    + (component.source() == null ? "" : " (" + component.source() + ")"))
        .orElse(exchangeName);
  }

  Optional<Component> component(JsonNode client) {
    if (!"tools/call".equals(client.path("method").asString())) {
      return Optional.empty();
    }
    return Optional.ofNullable(byTool.get(client.path("params").path("name").asString()));
  }
}
