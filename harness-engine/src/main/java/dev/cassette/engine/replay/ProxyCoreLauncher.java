package dev.cassette.engine.replay;

import dev.cassette.proxy.transport.ServerConnection;
import dev.cassette.proxy.transport.ServerConnections;
import dev.cassette.proxy.transport.TransportOptions;
import java.io.IOException;
import org.apiguardian.api.API;

/** Starts servers with proxy-core's transports (stdio children and embedded servers). */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class ProxyCoreLauncher implements ServerLauncher {

  @Override
  public ServerConnection open(ChosenServer server) throws IOException {
    return ServerConnections.open(server.spec(), server.environment(), TransportOptions.defaults());
  }
}
