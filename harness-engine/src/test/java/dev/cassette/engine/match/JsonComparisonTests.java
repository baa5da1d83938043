package dev.cassette.engine.match;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cassette.proxy.jsonrpc.Json;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

class JsonComparisonTests {

  static JsonNode json(String text) {
    return Json.parse(text.replace('\'', '"'));
  }

  static List<String> diff(String expected, String actual, MatchSettings settings) {
    return JsonComparison.compare(json(expected), json(actual), settings).stream()
        .map(Difference::describe)
        .toList();
  }

  static List<String> diff(String expected, String actual) {
    return diff(expected, actual, MatchSettings.DEFAULTS);
  }

  @Test
  void equalMessagesHaveNoDifferences() {
    assertThat(diff("{'a':1,'b':[1,2]}", "{'b':[1,2],'a':1}")).isEmpty();
  }

  @Test
  void everyDifferenceIsListedByPath() {
    assertThat(diff("{'result':{'a':1,'b':'x','c':true}}", "{'result':{'a':2,'b':'y','c':true}}"))
        .containsExactly(
            "\"result.a\" expected: <1> but was: <2>",
            "\"result.b\" expected: <\"x\"> but was: <\"y\">");
  }

  @Test
  void missingAndExtraFieldsAreNamed() {
    assertThat(diff("{'result':{'a':1}}", "{'result':{'b':1}}"))
        .containsExactlyInAnyOrder(
            "\"result.a\" expected: <1> but was: <no field>",
            "\"result.b\" expected: <no field> but was: <1>");
  }

  @Test
  void idIsIgnoredByDefault() {
    assertThat(diff("{'id':1,'result':{}}", "{'id':7,'result':{}}")).isEmpty();
  }

  @Test
  void ignoredPathsAcceptDollarPrefix() {
    MatchSettings settings =
        MatchSettings.DEFAULTS.merge(
            new MatchLayer(
                List.of("$.result.time"), null, List.of(), null, null, null, null, null, null));
    assertThat(
            diff(
                "{'result':{'time':'10:00','x':1}}", "{'result':{'time':'11:00','x':1}}", settings))
        .isEmpty();
  }

  @Test
  void placeholdersInRecordedValuesMatchVolatileValues() {
    assertThat(
            diff(
                "{'result':{'t':'${json-unit.any-string}','n':'${json-unit.any-number}','r':'${json-unit.regex}^a+$','i':'${json-unit.ignore}'}}",
                "{'result':{'t':'now','n':3.5,'r':'aaa','i':{'deep':[1]}}}"))
        .isEmpty();
    assertThat(diff("{'result':{'r':'${json-unit.regex}^a+$'}}", "{'result':{'r':'b'}}"))
        .hasSize(1);
  }

  @Test
  void jsonInTextIsComparedStructurally() {
    String expected =
        "{'result':{'content':[{'type':'text','text':'{\\'a\\':1,\\'b\\':\\'${json-unit.any-string}\\'}'}]}}";
    String actual =
        "{'result':{'content':[{'type':'text','text':'{\\'b\\':\\'x\\',  \\'a\\':1}'}]}}";
    assertThat(diff(expected, actual)).isEmpty();
    assertThat(diff(expected, actual.replace("\\'a\\':1", "\\'a\\':2")))
        .containsExactly("\"result.content[0].text.a\" expected: <1> but was: <2>");
    MatchSettings textOnly =
        MatchSettings.DEFAULTS.merge(
            new MatchLayer(List.of(), null, List.of(), null, null, null, false, null, null));
    assertThat(diff(expected, actual, textOnly)).hasSize(1);
  }

  @Test
  void optionsLoosenTheComparison() {
    MatchSettings loose =
        MatchSettings.DEFAULTS.merge(
            new MatchLayer(
                List.of(), true, List.of(), true, new BigDecimal("0.01"), true, null, null, null));
    assertThat(diff("{'a':[1,2],'b':1.00,'c':null}", "{'a':[2,1],'b':1.005,'extra':true}", loose))
        .isEmpty();
    assertThat(diff("{'a':[1,2],'b':1.00,'c':null}", "{'a':[2,1],'b':1.005,'extra':true}"))
        .hasSize(5);
  }

  @Test
  void arrayOrderCanBeIgnoredByPath() {
    MatchSettings settings =
        MatchSettings.DEFAULTS.merge(
            new MatchLayer(
                List.of(), null, List.of("$.result.tools"), null, null, null, null, null, null));
    assertThat(
            diff(
                "{'result':{'tools':[1,2],'other':[1,2]}}",
                "{'result':{'tools':[2,1],'other':[1,2]}}",
                settings))
        .isEmpty();
    assertThat(
            diff(
                "{'result':{'tools':[1,2],'other':[1,2]}}",
                "{'result':{'tools':[1,2],'other':[2,1]}}",
                settings))
        .isNotEmpty();
  }

  @Test
  void longValuesAreElidedKeepingThePath() {
    String longText = "x".repeat(500);
    List<String> lines = diff("{'a':'" + longText + "'}", "{'a':'y'}");
    assertThat(lines).hasSize(1);
    assertThat(lines.get(0))
        .startsWith("\"a\" expected: <\"xxxx")
        .contains("x… (502 chars)")
        .endsWith("(502 chars)> but was: <\"y\">")
        .hasSizeLessThan(200);
  }

  @Test
  void settingsMergeLevelByLevel() {
    MatchSettings merged =
        MatchSettings.DEFAULTS
            .merge(
                new MatchLayer(List.of("a"), true, List.of(), null, null, null, null, null, null))
            .merge(
                new MatchLayer(List.of("b"), false, List.of(), null, null, null, null, true, true));
    assertThat(merged.ignorePaths()).containsExactly("id", "a", "b");
    assertThat(merged.ignoreArrayOrder()).isFalse();
    assertThat(merged.orderedNotifications()).isTrue();
    assertThat(merged.describe())
        .isEqualTo(
            "ignorePaths=[id, a, b], ignoreArrayOrder=false, ignoreExtraFields=false,"
                + " numericTolerance=none, nullAsAbsent=false, jsonInText=true, notifications=ordered,"
                + " strict=true");
  }

  @Test
  void ignoredPathsMayUseArrayWildcards() {
    MatchSettings settings =
        MatchSettings.DEFAULTS.merge(
            new MatchLayer(
                List.of("$.result.content[*].text"),
                null,
                List.of(),
                null,
                null,
                null,
                null,
                null,
                null));
    assertThat(
            diff(
                "{'result':{'content':[{'text':'a','type':'text'},{'text':'b','type':'text'}]}}",
                "{'result':{'content':[{'text':'x','type':'text'},{'text':'y','type':'text'}]}}",
                settings))
        .isEmpty();
  }

  @Test
  void aMismatchedRegexPlaceholderIsShownAsTheTapeHoldsIt() {
    assertThat(diff("{'result':{'r':'${json-unit.regex}^a+$'}}", "{'result':{'r':'b'}}"))
        .containsExactly("\"result.r\" expected: <\"${json-unit.regex}^a+$\"> but was: <\"b\">");
  }

  @Test
  @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void aRegexPlaceholderThatBacktracksWithoutEndFailsAsTooSlow() {
    String live = "a".repeat(50) + "!";
    assertThat(
            diff(
                "{'result':{'content':[{'type':'text','text':'${json-unit.regex}(.*a){20}$'}]}}",
                "{'result':{'content':[{'type':'text','text':'" + live + "'}]}}"))
        .containsExactly(
            "placeholder ${json-unit.regex}(.*a){20}$ at $.result.content[0].text took longer"
                + " than 1 s to match <\""
                + live
                + "\">; simplify the pattern");
  }
}
