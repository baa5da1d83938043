package dev.cassette.host;

import static dev.cassette.host.HostFixture.json;
import static dev.cassette.host.HostFixture.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cassette.host.tools.BuiltinTools;
import dev.cassette.proxy.jsonrpc.Json;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

class EmbeddedHostTest {
  @TempDir Path componentDir;

  @Nested
  class WithProbeInComponentDir {
    HostFixture host;

    @BeforeEach
    void start() throws Exception {
      HostFixture.copyProbe(componentDir);
      host = HostFixture.start(Map.of("componentDir", componentDir.toString()), Map.of());
    }

    @AfterEach
    void stop() {
      host.close();
    }

    @Test
    void reportsServerInfoCapabilitiesAndInstructions() {
      assertThat(host.client.getServerInfo().name()).isEqualTo("cassette-wasm-host");
      assertThat(host.client.getServerInfo().version()).isEqualTo(WasmHost.SERVER_VERSION);
      assertThat(host.client.getServerCapabilities().tools().listChanged()).isTrue();
      // Wassette declares tools only (the SDK's logging capability is withdrawn)
      assertThat(host.client.getServerCapabilities().logging()).isNull();
      assertThat(host.client.getServerInstructions())
          .startsWith(
              "This server runs tools in sandboxed WebAssembly environments with no default"
                  + " access to host resources.\n\nKey points:\n- Tools must be loaded before use:")
          .endsWith("propose to grant permission");
    }

    @Test
    void listsBuiltinToolsWithWassetteSchemasAndComponentTools() {
      Map<String, Tool> tools =
          host.client.listTools().tools().stream().collect(Collectors.toMap(Tool::name, t -> t));
      assertThat(tools.keySet()).containsAll(BuiltinTools.NAMES);
      assertThat(tools.keySet())
          .contains("divide", "local_probe_text_upper", "read_file", "fetch", "entropy");

      JsonNode grant =
          Json.mapper().valueToTree(tools.get("grant-storage-permission").inputSchema());
      assertThat(grant.at("/required").toString()).isEqualTo("[\"component_id\",\"details\"]");
      assertThat(grant.at("/properties/details/properties/access/items/enum").toString())
          .isEqualTo("[\"read\",\"write\"]");
      assertThat(grant.at("/properties/details/additionalProperties").asBoolean(true)).isFalse();
      JsonNode load = Json.mapper().valueToTree(tools.get("load-component").inputSchema());
      assertThat(load.at("/required").toString()).isEqualTo("[\"path\"]");

      JsonNode divideIn = Json.mapper().valueToTree(tools.get("divide").inputSchema());
      assertThat(divideIn.at("/properties/a/type").asString()).isEqualTo("number");
      assertThat(divideIn.at("/required").toString()).isEqualTo("[\"a\",\"b\"]");
      JsonNode divideOut = Json.mapper().valueToTree(tools.get("divide").outputSchema());
      assertThat(divideOut.at("/required").toString()).isEqualTo("[\"result\"]");
      assertThat(divideOut.at("/properties/result/oneOf/0/required/0").asString()).isEqualTo("ok");
      assertThat(divideOut.at("/properties/result/oneOf/1/properties/err/type").asString())
          .isEqualTo("string");
      JsonNode envOut = Json.mapper().valueToTree(tools.get("get_env").outputSchema());
      assertThat(envOut.at("/properties/result/anyOf/1/type").asString()).isEqualTo("null");
    }

    @Test
    void returnsResultsAsTextAndStructuredContent() {
      CallToolResult ok = host.call("divide", Map.of("a", 5, "b", 2));
      assertThat(ok.isError()).isFalse();
      assertThat(text(ok)).isEqualTo("{\"ok\":2.5}");
      assertThat(Json.mapper().valueToTree(ok.structuredContent()).toString())
          .isEqualTo("{\"result\":{\"ok\":2.5}}");

      CallToolResult err = host.call("divide", Map.of("a", 1, "b", 0));
      assertThat(err.isError()).isFalse();
      assertThat(json(err).toString()).isEqualTo("{\"err\":\"division by zero\"}");

      CallToolResult upper = host.call("local_probe_text_upper", Map.of("text", "hello wasm"));
      assertThat(text(upper)).isEqualTo("HELLO WASM");
      assertThat(Json.mapper().valueToTree(upper.structuredContent()).toString())
          .isEqualTo("{\"result\":\"HELLO WASM\"}");
    }

    @Test
    void reportsHostFailuresAsToolErrors() {
      CallToolResult unknown = host.call("no_such_tool", Map.of());
      assertThat(unknown.isError()).isTrue();
      assertThat(text(unknown))
          .isEqualTo("Error: Failed to find component for tool 'no_such_tool': Tool not found");

      CallToolResult badArgs = host.call("divide", Map.of("a", 1));
      assertThat(badArgs.isError()).isTrue();
      assertThat(text(badArgs)).startsWith("Error: invalid arguments for tool 'divide'");

      CallToolResult trap = host.call("crash", Map.of());
      assertThat(trap.isError()).isTrue();
      assertThat(text(trap)).startsWith("Error: tool 'crash' of component 'probe' trapped");

      CallToolResult missing = host.call("load-component", Map.of());
      assertThat(missing.isError()).isTrue();
      assertThat(text(missing)).isEqualTo("Error: Missing required argument: 'path'");

      // Wassette's texts for a missing file, a relative file URI and a file that is not .wasm
      CallToolResult badFile =
          host.call("load-component", Map.of("path", "file:///nowhere/x.wasm"));
      assertThat(badFile.isError()).isTrue();
      assertThat(text(badFile))
          .isEqualTo(
              "Error: Failed to load component: file:///nowhere/x.wasm: Component path does not"
                  + " exist: /nowhere/x.wasm. Please provide a valid path to a WebAssembly"
                  + " component file.");
      assertThat(text(host.call("load-component", Map.of("path", "file://nowhere/x.wasm"))))
          .isEqualTo(
              "Error: Failed to load component: file://nowhere/x.wasm: Component path must be"
                  + " fully qualified. Please provide an absolute path to the WebAssembly"
                  + " component file.");
      String folder = componentDir.toUri().toString();
      assertThat(text(host.call("load-component", Map.of("path", folder))))
          .isEqualTo(
              "Error: Failed to load component: "
                  + folder
                  + ": Invalid file extension for component: "
                  + componentDir
                  + ". Component file must have .wasm extension.");
      assertThat(text(host.call("load-component", Map.of("path", "nowhere/x.wasm"))))
          .isEqualTo(
              "Error: Failed to load component: nowhere/x.wasm: Component path does not exist:"
                  + " nowhere/x.wasm. Please provide a valid path to a WebAssembly component"
                  + " file.");

      CallToolResult oci = host.call("load-component", Map.of("path", "oci://ghcr.io/x/y:1"));
      assertThat(text(oci)).contains("loads only local files");

      assertThat(host.call("divide", Map.of("a", 9, "b", 3)).isError()).isFalse();
    }

    @Test
    void listsComponentToolsBeforeTheBuiltInsAsWassetteDoes() {
      List<String> names = host.client.listTools().tools().stream().map(Tool::name).toList();
      int builtins = BuiltinTools.NAMES.size();
      assertThat(names.subList(names.size() - builtins, names.size()))
          .containsExactlyElementsOf(BuiltinTools.NAMES);
      assertThat(names.subList(0, names.size() - builtins))
          .contains("divide")
          .doesNotContainAnyElementsOf(BuiltinTools.NAMES);
    }

    @Test
    void listsAndSearchesComponents() {
      JsonNode list = json(host.call("list-components", Map.of()));
      assertThat(list.at("/total").asInt()).isEqualTo(1);
      assertThat(list.at("/components/0/id").asString()).isEqualTo("probe");
      assertThat(list.at("/components/0/tools_count").asInt()).isEqualTo(10);
      assertThat(list.at("/components/0/schema/tools/1/name").asString())
          .isEqualTo("local_probe_text_upper");

      JsonNode search = json(host.call("search-components", Map.of()));
      assertThat(search.at("/status").asString()).isEqualTo("Component list found");
      assertThat(search.at("/components").size()).isEqualTo(1);
      assertThat(search.at("/components/0/name").asString()).isEqualTo("probe");
      assertThat(search.at("/components/0/uri").asString())
          .startsWith("file:///")
          .endsWith("probe.wasm");
      JsonNode found = json(host.call("search-components", Map.of("query", "PROBE")));
      assertThat(found.at("/components/0/name").asString()).isEqualTo("probe");
      JsonNode none = json(host.call("search-components", Map.of("query", "weather")));
      assertThat(none.toString())
          .isEqualTo("{\"status\":\"Component list found\",\"components\":[]}");
    }
  }

  @Nested
  class LoadAndUnload {
    @Test
    void loadSendsOneListChangedBeforeItsResponseAndUnloadRemovesTools() throws Exception {
      Path elsewhere = componentDir.resolve("lib");
      java.nio.file.Files.createDirectories(elsewhere);
      Path probe = HostFixture.copyProbe(elsewhere);
      try (HostFixture host =
          HostFixture.start(Map.of("componentDir", componentDir.toString()), Map.of())) {
        assertThat(host.client.listTools().tools()).hasSize(BuiltinTools.NAMES.size());

        CallToolResult loaded = host.call("load-component", Map.of("path", probe.toString()));
        assertThat(loaded.isError()).isFalse();
        JsonNode outcome = json(loaded);
        assertThat(outcome.at("/status").asString()).isEqualTo("component loaded successfully");
        assertThat(outcome.at("/id").asString()).isEqualTo("probe");
        assertThat(outcome.at("/tools").size()).isEqualTo(10);
        assertNotificationThenResponse(host.transport.received(), "component loaded");

        assertThat(host.client.listTools().tools().stream().map(Tool::name)).contains("divide");
        assertThat(host.result("divide", Map.of("a", 1, "b", 4)).toString())
            .isEqualTo("{\"ok\":0.25}");

        CallToolResult reloaded =
            host.call("load-component", Map.of("path", probe.toUri().toString()));
        assertThat(json(reloaded).at("/status").asString())
            .isEqualTo("component reloaded successfully");

        int before = host.transport.received().size();
        CallToolResult unloaded = host.call("unload-component", Map.of("id", "probe"));
        assertThat(json(unloaded).toString())
            .isEqualTo("{\"status\":\"component unloaded successfully\",\"id\":\"probe\"}");
        assertNotificationThenResponse(
            host.transport.received().subList(before, host.transport.received().size()),
            "component unloaded");
        assertThat(host.client.listTools().tools()).hasSize(BuiltinTools.NAMES.size());
        assertThat(host.call("divide", Map.of("a", 1, "b", 4)).isError()).isTrue();

        // as Wassette: an id that is no longer loaded is unloaded again, with a notification
        before = host.transport.received().size();
        CallToolResult again = host.call("unload-component", Map.of("id", "probe"));
        assertThat(again.isError()).isFalse();
        assertThat(json(again).toString())
            .isEqualTo("{\"status\":\"component unloaded successfully\",\"id\":\"probe\"}");
        assertNotificationThenResponse(
            host.transport.received().subList(before, host.transport.received().size()),
            "component unloaded");
      }
    }

    private void assertNotificationThenResponse(List<String> lines, String status) {
      int notification = -1;
      int response = -1;
      int notifications = 0;
      for (int i = 0; i < lines.size(); i++) {
        JsonNode message = Json.parse(lines.get(i));
        if ("notifications/tools/list_changed".equals(message.path("method").asString(""))) {
          notifications++;
          notification = notification < 0 ? i : notification;
        }
        if (message.at("/result/content/0/text").asString("").contains(status)) {
          response = i;
        }
      }
      assertThat(response).as("the response line").isPositive();
      assertThat(notification).as("the notification line").isBetween(0, response - 1);
      assertThat(notifications).as("list_changed notifications").isEqualTo(1);
    }
  }
}
