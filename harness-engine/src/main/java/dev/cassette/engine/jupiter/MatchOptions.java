package dev.cassette.engine.jupiter;

import dev.cassette.annotations.TapeMatch;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * How the extension compares live traffic with a tape: a tape's {@code match} block plus {@link
 * TapeMatch} on the class and the method.
 *
 * @param ignore JSON paths left out, {@code $.}-rooted at the message
 * @param ignoreArrayOrder whether arrays may come in any order
 * @param ignoreExtraFields whether live fields the tape lacks are allowed
 * @param ignoreNotifications whether server notifications are left out
 */
record MatchOptions(
    List<String> ignore,
    boolean ignoreArrayOrder,
    boolean ignoreExtraFields,
    boolean ignoreNotifications) {

  /** Always left out: per-run metadata such as progress tokens. */
  static final List<String> ALWAYS_IGNORED = List.of("$.params._meta");

  MatchOptions {
    ignore = List.copyOf(ignore);
  }

  static MatchOptions none() {
    return new MatchOptions(ALWAYS_IGNORED, false, false, false);
  }

  MatchOptions with(TapeMatch match) {
    if (match == null) {
      return this;
    }
    List<String> paths = new ArrayList<>(ignore);
    paths.addAll(List.of(match.ignore()));
    return new MatchOptions(
        paths,
        ignoreArrayOrder || match.ignoreArrayOrder(),
        ignoreExtraFields || match.ignoreExtraFields(),
        ignoreNotifications || match.ignoreNotifications());
  }

  /** Adds a {@code match} block: {@code {"ignore": [...], "ignoreArrayOrder": true, ...}}. */
  MatchOptions with(ObjectNode block) {
    if (block == null) {
      return this;
    }
    List<String> paths = new ArrayList<>(ignore);
    JsonNode more = block.get("ignore");
    if (more != null && more.isArray()) {
      more.forEach(path -> paths.add(path.asString()));
    }
    return new MatchOptions(
        paths,
        ignoreArrayOrder || block.path("ignoreArrayOrder").asBoolean(false),
        ignoreExtraFields || block.path("ignoreExtraFields").asBoolean(false),
        ignoreNotifications || block.path("ignoreNotifications").asBoolean(false));
  }
}
