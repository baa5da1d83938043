package dev.cassette.engine.replay;

import dev.cassette.engine.Constants;
import dev.cassette.engine.config.CassetteConfiguration;
import dev.cassette.proxy.jsonrpc.Json;
import dev.cassette.proxy.tape.ServerSpec;
import dev.cassette.proxy.tape.Tape;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.node.ObjectNode;

/**
 * Chooses the server for a tape: configuration, then {@code @Server} on the suite, then the tape's
 * own server block (on CI only when its command is allowed, see {@link TapeCommands}), then the
 * embedded {@code wassette} host when it is on the classpath.
 */
final class ServerSelection {

  static final String DEFAULT_EMBEDDED = "wassette";

  private ServerSelection() {}

  static Optional<ServerOverride> fromConfiguration(CassetteConfiguration configuration) {
    Optional<List<String>> command = configuration.serverCommand();
    Optional<String> embedded = configuration.serverEmbedded();
    if (command.isEmpty() && embedded.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new ServerOverride(
            command.orElse(List.of()),
            configuration.serverEnvironment(),
            configuration.serverWorkingDirectory().map(Object::toString).orElse(null),
            embedded.orElse(null),
            configuration.serverSettings(),
            command.isPresent()
                ? Constants.SERVER_COMMAND_PROPERTY_NAME
                : Constants.SERVER_EMBEDDED_PROPERTY_NAME));
  }

  static ChosenServer choose(
      CassetteConfiguration configuration,
      SuiteSettings suite,
      Tape tape,
      Set<String> embeddedProviders)
      throws NoServerException, CommandNotAllowedException {
    Optional<ServerOverride> configured = fromConfiguration(configuration);
    if (configured.isPresent()) {
      return chosen(configured.get());
    }
    if (suite.server() != null && suite.server().isPresent()) {
      return chosen(suite.server());
    }
    if (tape != null
        && tape.server() != null
        && !ServerSpec.HTTP.equals(tape.server().transport())) {
      ServerSpec spec = tape.server();
      TapeCommands.check(configuration, spec);
      Map<String, String> environment = new LinkedHashMap<>();
      for (String name : spec.env()) {
        String value = configuration.environment().get(name);
        if (value != null) {
          environment.put(name, value);
        }
      }
      return new ChosenServer(spec, environment, "the tape's server block");
    }
    if (embeddedProviders.contains(DEFAULT_EMBEDDED)) {
      ObjectNode embedded = Json.mapper().createObjectNode();
      embedded.put("name", DEFAULT_EMBEDDED);
      configuration.serverSettings().forEach(embedded::put);
      return new ChosenServer(
          new ServerSpec(
              ServerSpec.EMBEDDED, List.of(), null, embedded, List.of(), null, null, null, null),
          Map.of(),
          "the embedded " + DEFAULT_EMBEDDED + " host");
    }
    throw new NoServerException(
        "no server to replay against: set "
            + Constants.SERVER_COMMAND_PROPERTY_NAME
            + ", put @Server on the @TapeSuite class, or give the tape a server block");
  }

  private static ChosenServer chosen(ServerOverride override) {
    return new ChosenServer(override.toSpec(), override.environment(), override.origin());
  }

  /** No server is named anywhere. */
  static final class NoServerException extends Exception {
    private static final long serialVersionUID = 1L;

    NoServerException(String message) {
      super(message);
    }
  }

  /** The tape's own server command may not run (on CI, without an allowance). */
  static final class CommandNotAllowedException extends Exception {
    private static final long serialVersionUID = 1L;

    CommandNotAllowedException(String message) {
      super(message);
    }
  }
}
