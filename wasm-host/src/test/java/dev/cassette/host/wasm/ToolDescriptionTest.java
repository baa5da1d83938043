package dev.cassette.host.wasm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
}
