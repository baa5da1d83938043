package dev.cassette.host.wasm;

import dev.cassette.proxy.jsonrpc.Json;
import java.util.ArrayList;
import java.util.List;
import org.apiguardian.api.API;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * What a component says about itself through {@code cassette_describe}.
 *
 * @param description the component description
 * @param tools its tools, in the order it lists them
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record ComponentDescription(String description, List<ToolDescription> tools) {
  /** Copies the list. */
  public ComponentDescription {
    tools = List.copyOf(tools);
  }

  static ComponentDescription parse(String json, String componentId) throws GuestException {
    JsonNode root;
    try {
      root = Json.mapper().readTree(json);
    } catch (JacksonException e) {
      throw new GuestException(
          "component " + componentId + " described itself with invalid JSON: " + e.getMessage(), e);
    }
    JsonNode tools = root.path("tools");
    if (!tools.isArray()) {
      throw new GuestException("component " + componentId + " description has no tools array");
    }
    List<ToolDescription> parsed = new ArrayList<>();
    for (int i = 0; i < tools.size(); i++) {
      try {
        parsed.add(ToolDescription.parse(tools.get(i), i));
      } catch (GuestException e) {
        throw new GuestException("component " + componentId + ": " + e.getMessage(), e);
      }
    }
    return new ComponentDescription(root.path("description").asString(""), parsed);
  }
}
