package dev.cassette.engine.jupiter;

import dev.cassette.annotations.Server;
import dev.cassette.engine.config.CassetteConfiguration;
import dev.cassette.engine.replay.ServerAnnotations;
import dev.cassette.engine.replay.ServerOverride;
import dev.cassette.proxy.tape.ServerSpec;
import java.util.Map;

/**
 * A {@link Server} annotation as a {@link ServerSpec} and the environment to start it with, read by
 * the engine's one {@code @Server} reader ({@link ServerAnnotations}). Only environment variable
 * names reach the spec (and so the tape).
 *
 * @param spec the server to start
 * @param environment the variables passed to it (values stay here)
 */
record ServerSettings(ServerSpec spec, Map<String, String> environment) {

  static ServerSettings of(Server server, CassetteConfiguration configuration, String origin) {
    ServerOverride read = ServerAnnotations.read(server, configuration, origin);
    return new ServerSettings(read.toSpec(), Map.copyOf(read.environment()));
  }
}
