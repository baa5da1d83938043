package dev.cassette.host.wasm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cassette.host.mcp.LineServerTransportProvider;
import dev.cassette.proxy.jsonrpc.Json;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.spec.McpSchema.ServerCapabilities;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ToolDescriptionTest {
  @Test
  void namesToolsAsWassetteDoes() throws Exception {
    ComponentDescription description =
        ComponentDescription.parse(
            """
            {"description": "d", "tools": [
              {"export": "divide", "interface": null, "params": [], "result": "f64"},
              {"export": "get-weather", "interface": "Local:Weather-API/forecast",
               "params": [], "result": "string"}]}
            """,
            "c");
    assertThat(description.tools().get(0).toolName()).isEqualTo("divide");
    assertThat(description.tools().get(1).toolName())
        .isEqualTo("local_weather_api_forecast_get_weather");
  }

  @Test
  void mapsWitTypesToJsonSchema() throws Exception {
    ComponentDescription description =
        ComponentDescription.parse(
            """
            {"tools": [{"export": "f", "params": [
              {"name": "flag", "type": "bool"},
              {"name": "items", "type": {"list": "string"}},
              {"name": "pair", "type": {"tuple": ["u8", "char"]}},
              {"name": "mode", "type": {"enum": ["fast", "slow"]}},
              {"name": "point", "type": {"record": [{"name": "x", "type": "s32"}]}}],
              "result": {"result": {"ok": null, "err": "string"}}}]}
            """,
            "c");
    ToolDescription tool = description.tools().get(0);
    String input = tool.inputSchema().toString();
    assertThat(input)
        .contains("\"flag\":{\"type\":\"boolean\"}")
        .contains("\"items\":{\"type\":\"array\",\"items\":{\"type\":\"string\"}}")
        .contains("\"prefixItems\":[{\"type\":\"number\"},{\"type\":\"string\"")
        .contains("\"mode\":{\"type\":\"string\",\"enum\":[\"fast\",\"slow\"]}")
        .contains("\"required\":[\"x\"]");
    assertThat(tool.inputSchema().at("/required").size()).isEqualTo(5);
    assertThat(tool.outputSchema().at("/properties/result/oneOf/0/properties/ok/type").asString())
        .isEqualTo("null");
  }

  @Test
  void rejectsDescriptionsItCannotUse() {
    assertThatThrownBy(() -> ComponentDescription.parse("{", "broken"))
        .hasMessageContaining("broken")
        .hasMessageContaining("invalid JSON");
    assertThatThrownBy(() -> ComponentDescription.parse("{\"tools\": [{}]}", "c"))
        .hasMessageContaining("tools[0] has no export name");
    assertThatThrownBy(
            () ->
                ComponentDescription.parse(
                    "{\"tools\": [{\"export\": \"f\", \"params\": [{\"name\": \"x\", \"type\":"
                        + " \"i128\"}]}]}",
                    "c"))
        .hasMessageContaining("unsupported type 'i128' at f.x");
  }

  @Test
  void refusesATypeNestedDeeperThanTheLimitAndKeepsOneAtTheLimit() throws Exception {
    ToolDescription atLimit =
        ComponentDescription.parse(describe("x", nestedResult(WitSchemas.MAX_DEPTH)), "c")
            .tools()
            .get(0);
    assertThat(atLimit.inputSchema().toString()).contains("\"ok\":{\"type\":\"number\"}");
    for (int depth : new int[] {WitSchemas.MAX_DEPTH + 1, 200}) {
      assertThatThrownBy(() -> ComponentDescription.parse(describe("x", nestedResult(depth)), "c"))
          .isInstanceOf(GuestException.class)
          .hasMessage("component c: the type of f.x nests deeper than 32 levels");
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void aToolAtTheNestingLimitIsPublishedByTheSdk() throws Exception {
    ToolDescription tool =
        ComponentDescription.parse(describe("x", nestedResult(WitSchemas.MAX_DEPTH)), "c")
            .tools()
            .get(0);
    var mapper = McpJsonDefaults.getMapper();
    var transport =
        new LineServerTransportProvider(
            mapper, new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream(), l -> {});
    McpSyncServer server =
        McpServer.sync(transport)
            .capabilities(ServerCapabilities.builder().tools(true).build())
            .jsonMapper(mapper)
            .build();
    try {
      server.addTool(
          SyncToolSpecification.builder()
              .tool(
                  Tool.builder(
                          tool.toolName(),
                          Json.mapper().convertValue(tool.inputSchema(), Map.class))
                      .outputSchema(Json.mapper().convertValue(tool.outputSchema(), Map.class))
                      .build())
              .callHandler((exchange, request) -> null)
              .build());
    } finally {
      server.close();
    }
  }

  /** A description of tool {@code f} with one parameter {@code name} of type {@code type}. */
  private static String describe(String name, String type) {
    return "{\"tools\": [{\"export\": \"f\", \"params\": [{\"name\": \""
        + name
        + "\", \"type\": "
        + type
        + "}], \"result\": \"string\"}]}";
  }

  /** {@code result<result<...<f64>>>} nested {@code depth} deep (the leaf counts as one). */
  private static String nestedResult(int depth) {
    return "{\"result\": {\"ok\": ".repeat(depth - 1)
        + "\"f64\""
        + ", \"err\": \"string\"}}".repeat(depth - 1);
  }
}
