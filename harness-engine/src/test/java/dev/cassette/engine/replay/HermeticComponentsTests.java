package dev.cassette.engine.replay;

import static dev.cassette.engine.EngineTests.FIXTURES;
import static dev.cassette.engine.EngineTests.execute;
import static dev.cassette.engine.EngineTests.failedWith;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectFile;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.cassette.proxy.jsonrpc.Json;
import dev.cassette.proxy.tape.Component;
import dev.cassette.proxy.tape.TapeCodec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Replaying a tape whose server names a {@code componentDir}: the recorded bytes are checked before
 * the first exchange, and the server starts on a fresh folder holding exactly the recorded
 * components and policies, with empty HOME and XDG folders.
 */
class HermeticComponentsTests {

  private static final Path SERVER = FIXTURES.resolve("servers/component-folder.js");
  private static final String RECORDED_POLICY = "version: \"1.0\"\n";

  @TempDir Path dir;
  private Path folder;
  private Path wasm;
  private Path tape;
  private String recordedSha;

  @BeforeEach
  void recordedSession() throws Exception {
    folder = Files.createDirectories(dir.resolve("components"));
    wasm = Files.writeString(folder.resolve("inventory.wasm"), "inventory v1");
    Files.writeString(folder.resolve("inventory.policy.yaml"), RECORDED_POLICY + "# edited\n");
    Files.writeString(folder.resolve("extra.wasm"), "not in the tape");
    recordedSha = RecordedComponents.sha256(wasm);
    tape = dir.resolve("inventory.tape.json");
    Files.writeString(tape, tapeText(), StandardCharsets.UTF_8);
  }

  private static Map<String, String> configuration(String... pairs) {
    Map<String, String> configuration = new HashMap<>();
    configuration.put("cassette.record", "none");
    configuration.put("cassette.ci", "false");
    for (int i = 0; i < pairs.length; i += 2) {
      configuration.put(pairs[i], pairs[i + 1]);
    }
    return configuration;
  }

  private EngineExecutionResults replay(Map<String, String> configuration) {
    return execute(configuration, selectFile(tape.toFile()));
  }

  @Test
  void startsTheServerOnAFreshFolderWithExactlyTheRecordedComponentsAndPolicies() {
    EngineExecutionResults results = replay(configuration());

    results.testEvents().assertStatistics(stats -> stats.started(4).succeeded(4));
  }

  @Test
  void aComponentWhoseBytesChangedFailsTheTapeBeforeAnyExchange() throws Exception {
    Files.writeString(wasm, "inventory v2");
    String now = RecordedComponents.sha256(wasm);

    EngineExecutionResults results = replay(configuration());

    results.testEvents().assertStatistics(stats -> stats.started(0));
    results
        .containerEvents()
        .assertThatEvents()
        .haveExactly(
            1,
            finishedWithFailure(
                message(
                    text ->
                        text.startsWith(
                            "component inventory: "
                                + wasm
                                + " has sha256 "
                                + now
                                + " but the tape recorded "
                                + recordedSha
                                + " (rebuilt? re-record with --record all, or accept with"
                                + " -Dcassette.components.acceptRebuilt=true)\n  tape "))));
  }

  @Test
  void theSettingAcceptsARebuiltComponentAndFailuresNameTheComponent() throws Exception {
    Files.writeString(wasm, "inventory v2");

    EngineExecutionResults results =
        replay(configuration("cassette.components.acceptRebuilt", "true"));

    results.testEvents().assertStatistics(stats -> stats.started(4).succeeded(3).failed(1));
    results
        .testEvents()
        .assertThatEvents()
        .haveExactly(
            1,
            failedWith(
                "exchange:3",
                "tools/call bytes (#3) of component inventory (" + wasm + ") does not match"));
    assertThat(
            results.allEvents().reportingEntryPublished().stream()
                .flatMap(
                    event ->
                        event
                            .getPayload(org.junit.platform.engine.reporting.ReportEntry.class)
                            .stream())
                .map(entry -> entry.getKeyValuePairs().get("cassette.components")))
        .anyMatch(value -> value != null && value.contains("inventory (" + wasm + ")"));
  }

  @Test
  void reRecordingEveryTapeTakesTheRebuiltComponentsHash() throws Exception {
    Files.writeString(wasm, "inventory v2");

    replay(configuration("cassette.record", "all"))
        .testEvents()
        .assertStatistics(stats -> stats.failed(0));

    Component rewritten = TapeCodec.read(tape).components().get(0);
    assertThat(rewritten.sha256()).isEqualTo(RecordedComponents.sha256(wasm));
    assertThat(rewritten.policy()).isEqualTo(RECORDED_POLICY + "# edited\n");
    assertThat(rewritten.tools()).containsExactly("summarize", "bytes");
  }

  private String tapeText() throws Exception {
    ObjectNode root = Json.mapper().createObjectNode();
    root.put("cassette", 1);
    root.put("name", "inventory");
    ObjectNode server = root.putObject("server");
    server.put("transport", "stdio");
    ArrayNode command = server.putArray("command");
    command.add("node").add(SERVER.toAbsolutePath().toString()).add("--component-dir");
    command.add(folder.toString());
    server.put("componentDir", folder.toString());
    ObjectNode component = root.putArray("components").addObject();
    component.put("id", "inventory");
    component.put("source", wasm.toString());
    component.put("sha256", recordedSha);
    component.putArray("tools").add("summarize").add("bytes");
    component.put("policy", RECORDED_POLICY);
    ArrayNode exchanges = root.putArray("exchanges");
    ObjectNode initialize = exchanges.addObject();
    initialize.set(
        "client",
        Json.parse(
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
                + "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},"
                + "\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}"));
    initialize.set(
        "response",
        Json.parse(
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"protocolVersion\":\"2025-06-18\","
                + "\"capabilities\":{\"tools\":{}},"
                + "\"serverInfo\":{\"name\":\"component-folder\",\"version\":\"1\"}}}"));
    ObjectNode listing = Json.mapper().createObjectNode();
    listing.putArray("files").add("inventory.policy.yaml").add("inventory.wasm");
    listing.putObject("policies").put("inventory.policy.yaml", RECORDED_POLICY);
    listing.put("hermetic", true);
    call(exchanges, 2, "folder", Json.compact(listing));
    call(exchanges, 3, "bytes", "\"inventory v1\"");
    call(exchanges, 4, "summarize", "{\"total\":1}");
    return TapeCodec.toJson(TapeCodec.read(root.toString(), "inventory.tape.json"));
  }

  private static void call(ArrayNode exchanges, int id, String tool, String text) {
    ObjectNode exchange = exchanges.addObject();
    exchange.set(
        "client",
        Json.parse(
            "{\"jsonrpc\":\"2.0\",\"id\":"
                + id
                + ",\"method\":\"tools/call\",\"params\":{\"name\":\""
                + tool
                + "\",\"arguments\":{}}}"));
    ObjectNode response = Json.mapper().createObjectNode().put("jsonrpc", "2.0").put("id", id);
    ObjectNode content = response.putObject("result").putArray("content").addObject();
    content.put("type", "text").put("text", text);
    ((ObjectNode) response.get("result")).put("isError", false);
    exchange.set("response", response);
  }
}
