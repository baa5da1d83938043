package dev.cassette.engine.match;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.StringJoiner;
import org.apiguardian.api.API;

/**
 * The matcher settings in force for one exchange, after merging every level: built-in defaults →
 * {@code cassette.match.*} configuration → {@code @Match} on the suite → the tape's {@code match}
 * block → the exchange's {@code match} block. Immutable; {@link #merge(MatchLayer)} gives a new
 * value.
 *
 * @param ignorePaths JSON paths not compared (defaults: {@code id})
 * @param ignoreArrayOrder whether array order is ignored everywhere (default {@code false})
 * @param ignoreArrayOrderPaths arrays whose order is ignored (default none)
 * @param ignoreExtraFields whether extra live fields are accepted (default {@code false})
 * @param numericTolerance the accepted numeric difference, or {@code null} for exact (default)
 * @param nullAsAbsent whether {@code null} equals an absent field (default {@code false})
 * @param jsonInText whether JSON in {@code content[].text} is compared structurally (default {@code
 *     true})
 * @param orderedNotifications whether notifications must arrive in order (default {@code false})
 * @param strict whether unexpected notifications fail (default {@code false})
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record MatchSettings(
    List<String> ignorePaths,
    boolean ignoreArrayOrder,
    List<String> ignoreArrayOrderPaths,
    boolean ignoreExtraFields,
    BigDecimal numericTolerance,
    boolean nullAsAbsent,
    boolean jsonInText,
    boolean orderedNotifications,
    boolean strict) {

  /**
   * The built-in defaults: the response's {@code id} is not compared (ids may be rewritten), JSON
   * in text is compared structurally, everything else exactly.
   */
  public static final MatchSettings DEFAULTS =
      new MatchSettings(List.of("id"), false, List.of(), false, null, false, true, false, false);

  /** Copies the lists. */
  public MatchSettings {
    ignorePaths = List.copyOf(Objects.requireNonNull(ignorePaths, "ignorePaths"));
    ignoreArrayOrderPaths =
        List.copyOf(Objects.requireNonNull(ignoreArrayOrderPaths, "ignoreArrayOrderPaths"));
  }

  /** These settings with one more level on top. */
  public MatchSettings merge(MatchLayer layer) {
    Objects.requireNonNull(layer, "layer");
    return new MatchSettings(
        union(ignorePaths, layer.ignorePaths()),
        pick(layer.ignoreArrayOrder(), ignoreArrayOrder),
        union(ignoreArrayOrderPaths, layer.ignoreArrayOrderPaths()),
        pick(layer.ignoreExtraFields(), ignoreExtraFields),
        layer.numericTolerance() == null ? numericTolerance : layer.numericTolerance(),
        pick(layer.nullAsAbsent(), nullAsAbsent),
        pick(layer.jsonInText(), jsonInText),
        pick(layer.orderedNotifications(), orderedNotifications),
        pick(layer.strict(), strict));
  }

  /** A copy where unexpected notifications count as differences. */
  public MatchSettings withStrict() {
    return new MatchSettings(
        ignorePaths,
        ignoreArrayOrder,
        ignoreArrayOrderPaths,
        ignoreExtraFields,
        numericTolerance,
        nullAsAbsent,
        jsonInText,
        orderedNotifications,
        true);
  }

  /** One line naming every setting, for failure reports. */
  public String describe() {
    StringJoiner joiner = new StringJoiner(", ");
    joiner.add("ignorePaths=" + ignorePaths);
    joiner.add(
        "ignoreArrayOrder="
            + (ignoreArrayOrder
                ? "true"
                : ignoreArrayOrderPaths.isEmpty() ? "false" : ignoreArrayOrderPaths));
    joiner.add("ignoreExtraFields=" + ignoreExtraFields);
    joiner.add(
        "numericTolerance="
            + (numericTolerance == null ? "none" : numericTolerance.toPlainString()));
    joiner.add("nullAsAbsent=" + nullAsAbsent);
    joiner.add("jsonInText=" + jsonInText);
    joiner.add("notifications=" + (orderedNotifications ? "ordered" : "unordered"));
    joiner.add("strict=" + strict);
    return joiner.toString();
  }

  private static boolean pick(Boolean override, boolean current) {
    return override == null ? current : override;
  }

  private static List<String> union(List<String> base, List<String> more) {
    if (more.isEmpty()) {
      return base;
    }
    LinkedHashSet<String> all = new LinkedHashSet<>(base);
    all.addAll(more);
    return new ArrayList<>(all);
  }
}
