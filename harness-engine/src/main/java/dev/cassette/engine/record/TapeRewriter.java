package dev.cassette.engine.record;

import dev.cassette.engine.match.InputRequired;
import dev.cassette.engine.match.JsonComparison;
import dev.cassette.engine.match.MatchSettings;
import dev.cassette.engine.match.NotificationMatcher;
import dev.cassette.proxy.tape.Exchange;
import dev.cassette.proxy.tape.Tape;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.apiguardian.api.API;
import tools.jackson.databind.JsonNode;

/**
 * Re-records a tape from live traffic while keeping what people wrote by hand: {@code match} blocks
 * stay, and a recorded response or notification list (with its placeholders) stays wherever the
 * live value still satisfies it under the exchange's settings. Only values that no longer match are
 * replaced, so an unchanged tape is rewritten byte for byte.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class TapeRewriter {

  private TapeRewriter() {}

  /**
   * The re-recorded tape.
   *
   * @param tape the tape as read
   * @param live what each exchange observed, {@code null} where an exchange was not replayed
   * @param settings the settings of the exchange with a 1-based number
   */
  public static Tape rewrite(
      Tape tape, List<LiveExchange> live, IntFunction<MatchSettings> settings) {
    List<Exchange> exchanges = new ArrayList<>();
    for (int i = 0; i < tape.exchanges().size(); i++) {
      Exchange old = tape.exchanges().get(i);
      LiveExchange now = i < live.size() ? live.get(i) : null;
      exchanges.add(now == null ? old : rewrite(old, now, settings.apply(i + 1)));
    }
    return tape.withExchanges(exchanges);
  }

  /**
   * One exchange re-recorded: {@code old} itself when {@code now} still satisfies it under {@code
   * settings}, else {@code old} with the values that no longer match replaced.
   */
  static Exchange rewrite(Exchange old, LiveExchange now, MatchSettings settings) {
    JsonNode response = old.response();
    if (now.response() != null
        && (old.response() == null
            || !JsonComparison.compare(
                    InputRequired.expected(old.response()), now.response(), settings)
                .isEmpty())) {
      response = now.response();
    }
    List<JsonNode> notifications = old.notifications();
    if (!NotificationMatcher.compare(
            old.notifications(), now.notifications(), settings.withStrict())
        .isEmpty()) {
      notifications = now.notifications();
    }
    if (response == old.response() && notifications == old.notifications()) {
      return old;
    }
    return new Exchange(
        old.client(),
        response,
        notifications,
        old.serverRequests(),
        old.elapsedMillis(),
        old.match(),
        old.extensions(),
        old.position());
  }
}
