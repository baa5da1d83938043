package dev.cassette.host.wasm;

import dev.cassette.proxy.jsonrpc.Json;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import org.apiguardian.api.API;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One function a component exports as an MCP tool. Descriptions are shared by every host in the JVM
 * that loads the same component bytes: treat the schema nodes as read-only.
 *
 * @param export the guest export called for it
 * @param interfaceName the WIT interface ({@code local:calc/ops}), or {@code null} for the world
 * @param description the tool description
 * @param inputSchema the MCP input schema (an object of all parameters, all required)
 * @param outputSchema the MCP output schema ({@code {"result": <type>}})
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record ToolDescription(
    String export,
    String interfaceName,
    String description,
    ObjectNode inputSchema,
    ObjectNode outputSchema) {

  private static final Pattern NOT_ALPHANUMERIC = Pattern.compile("[^a-z0-9]");

  /** Checks arguments. */
  public ToolDescription {
    Objects.requireNonNull(export, "export");
    Objects.requireNonNull(inputSchema, "inputSchema");
    Objects.requireNonNull(outputSchema, "outputSchema");
  }

  /**
   * The MCP tool name, as Wassette names tools: the export for a world-level function, else
   * lower-cased {@code package_interface_function} with non-alphanumerics as {@code _}.
   */
  public String toolName() {
    if (interfaceName == null) {
      return export;
    }
    String qualified = interfaceName + "_" + export;
    return NOT_ALPHANUMERIC.matcher(qualified.toLowerCase(Locale.ROOT)).replaceAll("_");
  }

  static ToolDescription parse(JsonNode tool, int index) throws GuestException {
    String where = "tools[" + index + "]";
    JsonNode export = tool.get("export");
    if (export == null || !export.isString() || export.asString().isEmpty()) {
      throw new GuestException(where + " has no export name");
    }
    String name = export.asString();
    ObjectNode input = Json.mapper().createObjectNode().put("type", "object");
    ObjectNode properties = input.putObject("properties");
    var required = input.putArray("required");
    for (JsonNode param : tool.path("params")) {
      String paramName = param.path("name").asString();
      if (paramName.isEmpty()) {
        throw new GuestException(where + " (" + name + ") has a parameter without a name");
      }
      properties.set(paramName, WitSchemas.schema(param.get("type"), name + "." + paramName));
      required.add(paramName);
    }
    ObjectNode output = Json.mapper().createObjectNode().put("type", "object");
    output.putObject("properties").set("result", WitSchemas.schema(tool.get("result"), name));
    output.putArray("required").add("result");
    JsonNode iface = tool.get("interface");
    return new ToolDescription(
        name,
        iface == null || iface.isNull() ? null : iface.asString(),
        tool.path("description").asString(""),
        input,
        output);
  }
}
