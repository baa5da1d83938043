package dev.cassette.host;

import dev.cassette.proxy.launch.EmbeddedServer;
import dev.cassette.proxy.launch.EmbeddedServerOptions;
import dev.cassette.proxy.launch.EmbeddedServerProvider;
import java.io.IOException;
import org.apiguardian.api.API;

/**
 * The embedded Wassette-compatible host as an {@link EmbeddedServerProvider} named {@value #NAME}.
 * Settings: {@link HostSettings#COMPONENT_DIR}, {@link HostSettings#DETERMINISTIC}, {@link
 * HostSettings#SEED}, {@link HostSettings#CALL_TIMEOUT_MILLIS}, {@link HostSettings#MEMORY_LIMIT};
 * the options' environment map gives the values of the variables policies allow.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class WassetteServerProvider implements EmbeddedServerProvider {
  /** The provider name. */
  public static final String NAME = "wassette";

  private static final int PIPE_BYTES = 1 << 20;

  /** Creates the provider (for {@link java.util.ServiceLoader}). */
  public WassetteServerProvider() {
    // stateless
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public EmbeddedServer start(EmbeddedServerOptions options) throws IOException {
    HostSettings settings;
    try {
      settings = HostSettings.fromOptions(options);
    } catch (IllegalArgumentException e) {
      throw new IOException("cannot start the wassette host: " + e.getMessage(), e);
    }
    BytePipe toServer = new BytePipe(PIPE_BYTES);
    BytePipe fromServer = new BytePipe(PIPE_BYTES);
    Diagnostics diagnostics = new Diagnostics(line -> {});
    WasmHost host = WasmHost.start(settings, toServer.input, fromServer.output, diagnostics);
    return new PipedEmbeddedServer(host, toServer, fromServer, diagnostics);
  }
}
