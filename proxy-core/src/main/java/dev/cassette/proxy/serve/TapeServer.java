package dev.cassette.proxy.serve;

import dev.cassette.proxy.tape.Tape;
import dev.cassette.proxy.transport.LineReader;
import dev.cassette.proxy.transport.LineTooLongException;
import dev.cassette.proxy.transport.TransportOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.function.Consumer;
import org.apiguardian.api.API;

/**
 * A tape acting as an MCP server: answers each client request with the recorded response.
 *
 * <p>Client messages are paired with recorded ones by {@link ExchangePairing}'s rule under the
 * given {@link RequestMatcher} (the engine's {@code ClientMessageMatcher}, which honours the tape's
 * {@code match} blocks and json-unit placeholders); ids are rewritten to the client's;
 * notifications and server→client requests are replayed in their windows. A request the tape does
 * not hold gets a JSON-RPC error naming the nearest recorded request and how it differs (see {@link
 * TapeServerSession}).
 *
 * <pre>{@code
 * Tape tape = TapeCodec.read(Path.of("tapes/weather.tape.json"));
 * TapeServer server = new TapeServer(tape, new ClientMessageMatcher(MatchSettings.DEFAULTS));
 * try (ServerConnection connection = server.connect()) {
 *   // speak MCP over the connection, no live server involved
 * }
 * }</pre>
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class TapeServer {

  /**
   * Longest line {@link #serve} accepts, in bytes: the recorder's default ({@link
   * TransportOptions#maxLineBytes()}).
   */
  public static final int MAX_LINE_BYTES = TransportOptions.defaults().maxLineBytes();

  private final Tape tape;
  private final RequestMatcher matcher;

  /**
   * A server for a tape.
   *
   * @param tape the tape to play
   * @param matcher compares client messages with recorded ones
   */
  public TapeServer(Tape tape, RequestMatcher matcher) {
    this.tape = Objects.requireNonNull(tape, "tape");
    this.matcher = Objects.requireNonNull(matcher, "matcher");
  }

  /** The tape this server plays. */
  public Tape tape() {
    return tape;
  }

  /**
   * Opens a session for one client.
   *
   * @param toClient receives each server line (without newline), in order
   */
  public TapeServerSession open(Consumer<byte[]> toClient) {
    Objects.requireNonNull(toClient, "toClient");
    return new TapeServerSession(new ExchangePairing(tape, matcher), toClient);
  }

  /** An in-memory connection to a fresh session, for clients in the same JVM. */
  public TapeServerConnection connect() {
    return new TapeServerConnection(this);
  }

  /**
   * Serves one client over line streams (for example {@code System.in} and {@code System.out})
   * until the input ends.
   *
   * @return the session, for its {@link TapeServerSession#misses()} and {@link
   *     TapeServerSession#unused()}
   * @throws IOException when reading or writing fails
   * @throws LineTooLongException when a line exceeds {@link #MAX_LINE_BYTES}; at most that many
   *     bytes (and one read) of it are read
   */
  public TapeServerSession serve(InputStream in, OutputStream out) throws IOException {
    Objects.requireNonNull(in, "in");
    Objects.requireNonNull(out, "out");
    TapeServerSession session = open(line -> writeLine(out, line));
    LineReader reader = new LineReader(in, "client", MAX_LINE_BYTES);
    try {
      for (byte[] line = reader.readLine(); line != null; line = reader.readLine()) {
        if (!isBlank(line)) {
          session.accept(line);
        }
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    return session;
  }

  private static boolean isBlank(byte[] line) {
    for (byte b : line) {
      if (b != ' ' && b != '\t' && b != '\r') {
        return false;
      }
    }
    return true;
  }

  private static void writeLine(OutputStream out, byte[] line) {
    synchronized (out) {
      try {
        out.write(line);
        out.write('\n');
        out.flush();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
