package com.example.fidelity;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.fidelity.LineSession.Exchange;
import dev.cassette.engine.match.Difference;
import dev.cassette.engine.match.JsonComparison;
import dev.cassette.engine.match.MatchLayer;
import dev.cassette.engine.match.MatchSettings;
import dev.cassette.proxy.jsonrpc.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Measures the fidelity of the embedded host: plays the same scenarios against real Wassette
 * (0.8.0, installed by the build) and the embedded host, live, and compares them exchange by
 * exchange with the engine's matchers ({@link JsonComparison}, Wassette's answer as the expected
 * value). The only differences allowed are those listed in {@link #BUILTINS}, {@link #PERMISSIONS}
 * and {@link #INITIALIZE}; each has its row in the table "Fidelity to Wassette" of {@code
 * docs/host.md}, and each must still differ (a difference that went away must be removed).
 */
class WassetteFidelityTest {
  private static final String SERVER_INFO = "serverInfo";
  private static final String SEARCH = "search-components results";
  private static final String PLAIN_PATH = "load-component of a plain path";
  private static final String PROMPTS = "prompts/list, resources/list";

  /** Allowed in the built-ins scenario ({@code tapes/scenarios/builtins.json}). */
  static final List<AllowedDifference> BUILTINS =
      List.of(
          new AllowedDifference(SERVER_INFO, "initialize", "result.serverInfo"),
          new AllowedDifference(
              SEARCH, "tools/call search-components", "result.content[0].text.components"),
          new AllowedDifference(
              PLAIN_PATH, "tools/call load-component components/missing.wasm", "result"),
          new AllowedDifference(PROMPTS, "prompts/list", "result", "error"),
          new AllowedDifference(PROMPTS, "resources/list", "result", "error"));

  /**
   * Allowed in the permission flow ({@code tapes/wassette/scenarios/permissions.json}); Wassette's
   * start-up {@code tools/list_changed} lands in a window that depends on timing, so that flow
   * compares responses only.
   */
  static final List<AllowedDifference> PERMISSIONS =
      List.of(new AllowedDifference(SERVER_INFO, "initialize", "result.serverInfo"));

  /** Allowed in the protocol version negotiation sessions. */
  static final List<AllowedDifference> INITIALIZE = PERMISSIONS;

  /** Versions a client may ask for: every one Wassette knows, a newer one, and nonsense. */
  private static final List<String> PROTOCOL_VERSIONS =
      List.of("2024-11-05", "2025-03-26", "2025-06-18", "2025-11-25", "2026-07-28", "1999-01-01");

  @Test
  void builtInScenarioMatchesWassette() throws Exception {
    JsonNode scenario = scenario("tapes/scenarios/builtins.json");
    Path none = Hosts.root().resolve("test-peers/no-components");
    List<Exchange> wassette;
    try (LineSession session = Hosts.wassette(none)) {
      wassette = play(session, scenario);
    }
    List<Exchange> embedded;
    try (LineSession session = Hosts.embedded(none)) {
      embedded = play(session, scenario);
    }
    assertThat(compare(wassette, embedded, BUILTINS, true)).isEmpty();
  }

  @Test
  void permissionFlowMatchesWassette(@TempDir Path components) throws Exception {
    // the same id on both hosts: Wassette's JavaScript component, a core module for the embedded
    // host (the guest ABIs differ; the flow calls built-ins only)
    Files.copy(
        Hosts.root().resolve("components/calculator.wasm"), components.resolve("inventory.wasm"));
    JsonNode scenario = scenario("tapes/wassette/scenarios/permissions.json");
    List<Exchange> wassette;
    try (LineSession session = Hosts.wassette(Hosts.root().resolve("components/wassette"))) {
      wassette = play(session, scenario, "inventory");
    }
    List<Exchange> embedded;
    try (LineSession session = Hosts.embedded(components)) {
      embedded = play(session, scenario, "inventory");
    }
    assertThat(compare(wassette, embedded, PERMISSIONS, false)).isEmpty();
  }

  @Test
  void protocolVersionNegotiationMatchesWassette() throws Exception {
    List<Exchange> wassette = new ArrayList<>();
    List<Exchange> embedded = new ArrayList<>();
    Path none = Hosts.root().resolve("test-peers/no-components");
    for (String version : PROTOCOL_VERSIONS) {
      try (LineSession session = Hosts.wassette(none)) {
        wassette.add(initialize(session, version));
      }
      try (LineSession session = Hosts.embedded(none)) {
        embedded.add(initialize(session, version));
      }
    }
    assertThat(compare(wassette, embedded, INITIALIZE, true)).isEmpty();
    assertThat(wassette.get(4).response().at("/result/protocolVersion").asString())
        .as("Wassette answers a newer version with its latest")
        .isEqualTo("2025-11-25");
  }

  @Test
  void everyAllowedDifferenceHasItsRowInHostDocs() throws IOException {
    Set<String> rows = fidelityRows();
    Set<String> allowed = new LinkedHashSet<>();
    for (List<AllowedDifference> list : List.of(BUILTINS, PERMISSIONS, INITIALIZE)) {
      list.forEach(d -> allowed.add(d.row()));
    }
    assertThat(rows).containsAll(allowed);
  }

  /** The first cells of the table under "## Fidelity to Wassette" in docs/host.md. */
  private static Set<String> fidelityRows() throws IOException {
    String doc = Files.readString(Hosts.root().resolve("docs/host.md"));
    int start = doc.indexOf("\n## Fidelity to Wassette");
    assertThat(start).as("docs/host.md has a section \"## Fidelity to Wassette\"").isNotNegative();
    int end = doc.indexOf("\n## ", start + 1);
    String section = doc.substring(start, end < 0 ? doc.length() : end);
    Set<String> rows = new LinkedHashSet<>();
    Matcher row = Pattern.compile("(?m)^\\| ([^|]+?) \\|").matcher(section);
    while (row.find()) {
      rows.add(row.group(1).replace("`", "").trim());
    }
    return rows;
  }

  private static JsonNode scenario(String file) throws IOException {
    return Json.parse(Files.readString(Hosts.root().resolve(file)));
  }

  private static Exchange initialize(LineSession session, String version) throws Exception {
    ObjectNode params = Json.mapper().createObjectNode();
    params.put("protocolVersion", version);
    params.putObject("capabilities");
    params.putObject("clientInfo").put("name", "cassette-fidelity").put("version", "1");
    Exchange exchange = session.request("initialize", params);
    session.notify("notifications/initialized");
    return exchange;
  }

  private static List<Exchange> play(LineSession session, JsonNode scenario) throws Exception {
    return play(session, scenario, null);
  }

  /**
   * Plays {@code scenario}'s steps after {@code initialize}; with {@code component}, first waits
   * (bounded) until the host lists it (Wassette loads its component folder in the background).
   */
  private static List<Exchange> play(LineSession session, JsonNode scenario, String component)
      throws Exception {
    List<Exchange> exchanges = new ArrayList<>();
    exchanges.add(initialize(session, scenario.path("protocolVersion").asString("2025-06-18")));
    if (component != null) {
      ObjectNode list = Json.mapper().createObjectNode().put("name", "list-components");
      list.putObject("arguments");
      Awaitility.await("component " + component + " loaded")
          .atMost(Hosts.TIMEOUT)
          .until(
              () ->
                  session
                      .request("tools/call", list)
                      .response()
                      .at("/result/content/0/text")
                      .asString()
                      .contains("\"id\":\"" + component + "\""));
    }
    for (JsonNode step : scenario.path("steps")) {
      exchanges.add(session.request(step.path("method").asString(), step.get("params")));
    }
    return exchanges;
  }

  /** {@code tools/call <tool>[ <path>]} for calls, else the method. */
  static String label(JsonNode request) {
    String method = request.path("method").asString();
    if (!method.equals("tools/call")) {
      return method;
    }
    JsonNode params = request.path("params");
    String path = params.path("arguments").path("path").asString("");
    return method + " " + params.path("name").asString() + (path.isEmpty() ? "" : " " + path);
  }

  /**
   * Every difference between Wassette's exchanges and the embedded host's outside the allowed ones,
   * and every allowed difference that no longer differs.
   */
  private static List<String> compare(
      List<Exchange> wassette,
      List<Exchange> embedded,
      List<AllowedDifference> allowed,
      boolean notifications) {
    List<String> failures = new ArrayList<>();
    assertThat(embedded).hasSameSizeAs(wassette);
    Set<AllowedDifference> seen = new LinkedHashSet<>();
    for (int i = 0; i < wassette.size(); i++) {
      Exchange expected = wassette.get(i);
      Exchange actual = embedded.get(i);
      String label = label(expected.request());
      List<AllowedDifference> here = allowed.stream().filter(d -> d.label().equals(label)).toList();
      List<String> paths = here.stream().flatMap(d -> d.paths().stream()).toList();
      MatchSettings settings =
          MatchSettings.DEFAULTS.merge(
              new MatchLayer(paths, null, List.of(), null, null, null, null, null, null));
      JsonNode left = expected.response();
      JsonNode right = actual.response();
      if (notifications) {
        left = withNotifications(expected);
        right = withNotifications(actual);
      }
      for (Difference difference : JsonComparison.compare(left, right, settings)) {
        failures.add(label + " (#" + i + "): " + difference.describe());
      }
      List<Difference> raw = JsonComparison.compare(left, right, MatchSettings.DEFAULTS);
      for (AllowedDifference difference : here) {
        if (raw.stream().anyMatch(r -> difference.paths().stream().anyMatch(p -> under(r, p)))) {
          seen.add(difference);
        }
      }
    }
    for (AllowedDifference difference : allowed) {
      if (!seen.contains(difference)) {
        failures.add(
            "allowed difference no longer differs (remove it and its docs/host.md row if no"
                + " other test allows it): "
                + difference);
      }
    }
    return failures;
  }

  private static boolean under(Difference difference, String path) {
    String at = difference.path();
    return at.equals(path) || at.startsWith(path + ".") || at.startsWith(path + "[");
  }

  /** The response with the window's notifications beside it, so both are compared. */
  private static JsonNode withNotifications(Exchange exchange) {
    ObjectNode both = (ObjectNode) exchange.response().deepCopy();
    ArrayNode list = both.putArray("notifications");
    exchange.notifications().forEach(list::add);
    return both;
  }
}
