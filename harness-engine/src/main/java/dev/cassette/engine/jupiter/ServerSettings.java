package dev.cassette.engine.jupiter;

import dev.cassette.annotations.Server;
import dev.cassette.engine.config.CassetteConfiguration;
import dev.cassette.engine.config.CommandLine;
import dev.cassette.proxy.jsonrpc.Json;
import dev.cassette.proxy.tape.ServerSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns a {@link Server} annotation into a {@link ServerSpec} and the environment to start it with.
 * Only environment variable names reach the spec (and so the tape). Each word of the command, the
 * working directory and each setting may refer to a configuration parameter or system property as
 * {@code ${name}}.
 *
 * @param spec the server to start
 * @param environment the variables passed to it (values stay here)
 */
record ServerSettings(ServerSpec spec, Map<String, String> environment) {

  private static final Pattern REFERENCE = Pattern.compile("\\$\\{([^}]+)}");

  static ServerSettings of(
      Server server,
      Function<String, Optional<String>> parameters,
      Map<String, String> environment) {
    boolean hasCommand = !server.command().isBlank();
    boolean hasEmbedded = !server.embedded().isBlank();
    if (hasCommand == hasEmbedded) {
      throw new IllegalArgumentException(
          "@Server needs exactly one of command or embedded but has "
              + (hasCommand ? "both" : "neither"));
    }
    Map<String, String> values =
        CassetteConfiguration.environmentEntries(List.of(server.env()), environment);
    List<String> envNames = List.copyOf(values.keySet());
    String directory =
        server.workingDirectory().isBlank() ? null : resolve(server.workingDirectory(), parameters);
    ServerSpec spec;
    if (hasCommand) {
      List<String> command = new ArrayList<>();
      for (String word : CommandLine.split(server.command())) {
        command.add(resolve(word, parameters));
      }
      spec =
          new ServerSpec(
              ServerSpec.STDIO, command, null, null, envNames, directory, null, null, null);
    } else {
      spec =
          new ServerSpec(
              ServerSpec.EMBEDDED,
              List.of(),
              null,
              embedded(server, parameters),
              envNames,
              directory,
              null,
              null,
              null);
    }
    return new ServerSettings(spec, Map.copyOf(values));
  }

  private static ObjectNode embedded(Server server, Function<String, Optional<String>> parameters) {
    ObjectNode embedded = Json.mapper().createObjectNode();
    embedded.put("name", server.embedded());
    for (String setting : server.settings()) {
      int equals = setting.indexOf('=');
      if (equals < 1) {
        throw new IllegalArgumentException(
            "@Server settings must be key=value but one was '" + setting + "'");
      }
      embedded.put(
          setting.substring(0, equals).trim(), resolve(setting.substring(equals + 1), parameters));
    }
    return embedded;
  }

  /** Replaces {@code ${name}} with the configuration parameter or system property of that name. */
  static String resolve(String text, Function<String, Optional<String>> parameters) {
    Matcher matcher = REFERENCE.matcher(text);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      String name = matcher.group(1);
      String value = parameters.apply(name).orElseGet(() -> System.getProperty(name));
      if (value == null) {
        throw new IllegalArgumentException(
            "@Server refers to ${"
                + name
                + "}, which is neither a configuration parameter nor a system property");
      }
      matcher.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    matcher.appendTail(out);
    return out.toString();
  }
}
