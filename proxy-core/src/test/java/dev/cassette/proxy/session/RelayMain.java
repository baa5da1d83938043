package dev.cassette.proxy.session;

import dev.cassette.proxy.transport.ChildProcess;
import dev.cassette.proxy.transport.StdioSelf;
import dev.cassette.proxy.transport.TransportOptions;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A stdio proxy for measuring the pump's latency: {@code java -cp ... RelayMain <server command>}.
 * With {@code -Drelay.listen=true} a listener that touches every line is attached (like a recorder
 * handing lines to its thread).
 */
public final class RelayMain {

  private RelayMain() {}

  public static void main(String[] args) throws Exception {
    StdioSelf.ClientSide client = StdioSelf.claim();
    System.out.println("relay started"); // must land on stderr, not in the protocol stream
    TransportOptions options = TransportOptions.defaults();
    ChildProcess server = ChildProcess.start(List.of(args), Map.of(), null, options);
    long[] bytes = {0};
    SessionListener listener =
        Boolean.getBoolean("relay.listen")
            ? (direction, line, nanoTime) -> bytes[0] += line.length
            : (direction, line, nanoTime) -> {};
    SessionPump pump =
        SessionPump.start(client.fromClient(), client.toClient(), server, listener, options);
    while (!pump.awaitTermination(Duration.ofSeconds(60))) {
      // keep relaying
    }
    System.exit(0);
  }
}
