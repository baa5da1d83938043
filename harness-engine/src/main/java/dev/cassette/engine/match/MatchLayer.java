package dev.cassette.engine.match;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * One level of matcher settings (configuration, suite annotation, tape or exchange {@code match}
 * block): what that level sets. A {@code null} field leaves the level below in force; paths are
 * added to those of lower levels.
 *
 * @param ignorePaths JSON paths not compared
 * @param ignoreArrayOrder whether array order is ignored everywhere, or {@code null}
 * @param ignoreArrayOrderPaths arrays whose order is ignored
 * @param ignoreExtraFields whether extra live fields are accepted, or {@code null}
 * @param numericTolerance the accepted numeric difference, or {@code null}
 * @param nullAsAbsent whether {@code null} equals an absent field, or {@code null}
 * @param jsonInText whether JSON in {@code content[].text} is compared structurally, or {@code
 *     null}
 * @param orderedNotifications whether notifications must arrive in order, or {@code null}
 * @param strict whether unexpected notifications fail, or {@code null}
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public record MatchLayer(
    List<String> ignorePaths,
    Boolean ignoreArrayOrder,
    List<String> ignoreArrayOrderPaths,
    Boolean ignoreExtraFields,
    BigDecimal numericTolerance,
    Boolean nullAsAbsent,
    Boolean jsonInText,
    Boolean orderedNotifications,
    Boolean strict) {

  /** A level that sets nothing. */
  public static final MatchLayer EMPTY =
      new MatchLayer(List.of(), null, List.of(), null, null, null, null, null, null);

  /** Copies the lists. */
  public MatchLayer {
    ignorePaths = List.copyOf(Objects.requireNonNullElse(ignorePaths, List.of()));
    ignoreArrayOrderPaths =
        List.copyOf(Objects.requireNonNullElse(ignoreArrayOrderPaths, List.of()));
  }
}
