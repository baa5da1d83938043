package dev.cassette.engine.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cassette.annotations.Flag;
import dev.cassette.annotations.Match;
import dev.cassette.proxy.jsonrpc.Json;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class MatchLayersTests {

  static ObjectNode block(String json) {
    return (ObjectNode) Json.parse(json.replace('\'', '"'));
  }

  @Test
  void readsEveryOptionOfAMatchBlock() {
    MatchLayer layer =
        MatchLayers.fromJson(
            block(
                "{'ignorePaths':'$.a','ignoreArrayOrder':['$.b'],'ignoreExtraFields':true,"
                    + "'numericTolerance':0.5,'nullAsAbsent':false,'jsonInText':false,"
                    + "'notifications':'ordered','strict':true}"));
    assertThat(layer)
        .isEqualTo(
            new MatchLayer(
                java.util.List.of("$.a"),
                null,
                java.util.List.of("$.b"),
                true,
                new BigDecimal("0.5"),
                false,
                false,
                true,
                true));
    assertThat(MatchLayers.fromJson(block("{'ignoreArrayOrder':true}")).ignoreArrayOrder())
        .isTrue();
    assertThat(MatchLayers.fromJson(null)).isEqualTo(MatchLayer.EMPTY);
  }

  @Test
  void wrongValuesAreNamedWithKeyAndValue() {
    assertThatThrownBy(() -> MatchLayers.fromJson(block("{'strict':'yes'}")))
        .hasMessage("match setting \"strict\" must be true or false but was \"yes\"");
    assertThatThrownBy(() -> MatchLayers.fromJson(block("{'numericTolerance':-1}")))
        .hasMessage("match setting \"numericTolerance\" must be a number >= 0 but was -1");
    assertThatThrownBy(() -> MatchLayers.fromJson(block("{'ignorePaths':[1]}")))
        .hasMessage(
            "match setting \"ignorePaths\" must be a path or an array of paths but was [1]");
    assertThatThrownBy(() -> MatchLayers.fromJson(block("{'notifications':'sorted'}")))
        .hasMessage(
            "match setting \"notifications\": expected \"ordered\" or \"unordered\" but was \"sorted\"");
  }

  @Match(
      ignorePaths = "$.x",
      ignoreArrayOrder = Flag.FALSE,
      strict = Flag.TRUE,
      orderedNotifications = Flag.TRUE,
      numericTolerance = 0.25)
  static class Annotated {}

  @Test
  void readsTheAnnotationLeavingInheritedFlagsUnset() {
    MatchLayer layer = MatchLayers.fromAnnotation(Annotated.class.getAnnotation(Match.class));
    assertThat(layer.ignorePaths()).containsExactly("$.x");
    assertThat(layer.ignoreArrayOrder()).isFalse();
    assertThat(layer.strict()).isTrue();
    assertThat(layer.orderedNotifications()).isTrue();
    assertThat(layer.ignoreExtraFields()).isNull();
    assertThat(layer.numericTolerance()).isEqualByComparingTo("0.25");
    assertThat(MatchLayers.fromAnnotation(null)).isEqualTo(MatchLayer.EMPTY);
  }
}
