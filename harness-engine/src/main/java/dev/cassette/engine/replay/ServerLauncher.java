package dev.cassette.engine.replay;

import dev.cassette.proxy.transport.ServerConnection;
import java.io.IOException;
import org.apiguardian.api.API;

/** Starts the server a tape is replayed against and connects to it. */
@API(status = API.Status.INTERNAL, since = "0.1")
@FunctionalInterface
public interface ServerLauncher {

  /**
   * Starts {@code server} and returns a connection to it; the caller closes it.
   *
   * @throws IOException if it cannot start; the message says why
   */
  ServerConnection open(ChosenServer server) throws IOException;
}
