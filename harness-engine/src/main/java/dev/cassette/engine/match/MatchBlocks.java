package dev.cassette.engine.match;

import dev.cassette.proxy.tape.Exchange;
import dev.cassette.proxy.tape.SourcePosition;
import dev.cassette.proxy.tape.Tape;
import java.util.ArrayList;
import java.util.List;
import org.apiguardian.api.API;

/**
 * The {@code match} blocks of a tape, read once with {@link MatchLayers#fromJson}, so that each
 * player of a tape ({@code cassette verify}, {@code @Tape}, {@code cassette serve}) rejects the
 * same blocks with the same message. The engine reads them at discovery and replays with them.
 *
 * @param tape the tape's own block
 * @param exchanges the exchanges' blocks, in tape order
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public record MatchBlocks(MatchLayer tape, List<MatchLayer> exchanges) {

  /** Copies the list. */
  public MatchBlocks {
    exchanges = List.copyOf(exchanges);
  }

  /** The block of the exchange with 1-based {@code number}. */
  public MatchLayer exchange(int number) {
    return exchanges.get(number - 1);
  }

  /**
   * A {@code match} block that cannot be read.
   *
   * <p>The message is {@code tape match block: …} or {@code exchange #N match block: …}.
   */
  public static final class InvalidMatchBlockException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final transient SourcePosition position;

    InvalidMatchBlockException(SourcePosition position, String message, Throwable cause) {
      super(message, cause);
      this.position = position;
    }

    /** Where the block's exchange starts in the tape file, or {@code null} for the tape's block. */
    public SourcePosition position() {
      return position;
    }

    /** {@code file:line:column: reason}, as discovery reports a broken tape. */
    public String describe(String file) {
      return file + (position == null ? "" : ":" + position) + ": " + getMessage();
    }
  }

  /**
   * Reads every block of the tape.
   *
   * @throws InvalidMatchBlockException naming the block and the bad key or value
   */
  public static MatchBlocks read(Tape tape) {
    MatchLayer own;
    try {
      own = MatchLayers.fromJson(tape.match());
    } catch (IllegalArgumentException e) {
      throw new InvalidMatchBlockException(null, "tape match block: " + e.getMessage(), e);
    }
    List<MatchLayer> exchanges = new ArrayList<>();
    for (int i = 0; i < tape.exchanges().size(); i++) {
      Exchange exchange = tape.exchanges().get(i);
      try {
        exchanges.add(MatchLayers.fromJson(exchange.match()));
      } catch (IllegalArgumentException e) {
        throw new InvalidMatchBlockException(
            exchange.position(), "exchange #" + (i + 1) + " match block: " + e.getMessage(), e);
      }
    }
    return new MatchBlocks(own, exchanges);
  }
}
