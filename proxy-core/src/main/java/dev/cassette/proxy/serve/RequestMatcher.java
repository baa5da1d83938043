package dev.cassette.proxy.serve;

import dev.cassette.proxy.tape.Tape;
import java.util.List;
import org.apiguardian.api.API;
import tools.jackson.databind.JsonNode;

/**
 * Compares a client message with the client message of a recorded exchange, so that {@link
 * ExchangePairing} (and through it a {@link TapeServer}) can pair it and name the nearest miss.
 *
 * <p>proxy-core holds no matcher of its own: the engine's json-unit matcher ({@code
 * dev.cassette.engine.match.ClientMessageMatcher}) implements this interface and is the one that
 * {@code cassette serve}, offline {@code @Tape} and {@code @Tape} verification use, so a tape
 * matches the same way whatever plays it.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
@FunctionalInterface
public interface RequestMatcher {

  /**
   * Lists how an incoming client message differs from a recorded one.
   *
   * @param tape the tape, for its {@code match} block
   * @param index the 0-based index of the recorded exchange in {@link Tape#exchanges()}, for its
   *     client message and {@code match} block
   * @param incoming the message the client sent now
   * @return one line per difference, JSON path first; empty when they match
   */
  List<String> differences(Tape tape, int index, JsonNode incoming);
}
