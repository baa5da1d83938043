package dev.cassette.engine.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cassette.proxy.jsonrpc.Json;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Obsolete tools: listed when the tape was recorded, not listed by the server now. */
class ToolInventoryTests {

  static final JsonNode LIST = json("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}");

  static JsonNode json(String text) {
    return Json.parse(text);
  }

  static JsonNode listing(String... tools) {
    StringBuilder array = new StringBuilder();
    for (String tool : tools) {
      array.append(array.isEmpty() ? "" : ",").append("{\"name\":\"").append(tool).append("\"}");
    }
    return json("{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":{\"tools\":[" + array + "]}}");
  }

  static JsonNode call(String tool) {
    return json(
        "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\""
            + tool
            + "\"}}");
  }

  @Test
  void aToolListedWhenRecordedAndNotNowIsObsolete() {
    ToolInventory tools = new ToolInventory();
    tools.observe(LIST, listing("echo", "retired"), listing("echo"));
    assertThat(tools.obsoleteNote(call("retired")))
        .contains("obsolete: the server no longer lists the tool \"retired\"");
    assertThat(tools.obsoleteNote(call("echo"))).isEmpty();
  }

  @Test
  void aToolNoRecordedListingHeldIsNotObsolete() {
    ToolInventory tools = new ToolInventory();
    tools.observe(LIST, listing("echo"), listing("echo"));
    assertThat(tools.obsoleteNote(call("no-such-tool"))).isEmpty();
  }

  @Test
  void aToolListedOnlyLaterInTheRecordingIsNotObsoleteBeforeThat() {
    ToolInventory tools = new ToolInventory();
    tools.observe(LIST, listing("load-component"), listing("load-component"));
    assertThat(tools.obsoleteNote(call("add"))).isEmpty();
    tools.observe(LIST, listing("load-component", "add"), listing("load-component"));
    assertThat(tools.obsoleteNote(call("add"))).isPresent();
  }
}
