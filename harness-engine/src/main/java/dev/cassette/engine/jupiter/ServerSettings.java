package dev.cassette.engine.jupiter;

import dev.cassette.annotations.TapeServer;
import dev.cassette.proxy.jsonrpc.Json;
import dev.cassette.proxy.tape.ServerSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns a {@link TapeServer} annotation into a {@link ServerSpec} and the environment to start it
 * with. Only environment variable names reach the spec (and so the tape).
 *
 * @param spec the server to start
 * @param environment the variables passed to it (values stay here)
 */
record ServerSettings(ServerSpec spec, Map<String, String> environment) {

  private static final Pattern REFERENCE = Pattern.compile("\\$\\{([^}]+)}");

  static ServerSettings of(
      TapeServer server,
      Function<String, Optional<String>> parameters,
      Function<String, String> environment) {
    int kinds =
        (server.command().length > 0 ? 1 : 0)
            + (server.embedded().isBlank() ? 0 : 1)
            + (server.url().isBlank() ? 0 : 1);
    if (kinds != 1) {
      throw new IllegalArgumentException(
          "@TapeServer needs exactly one of command, embedded or url but has " + kinds);
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (String name : server.env()) {
      String value = environment.apply(name);
      if (value != null) {
        values.put(name, value);
      }
    }
    List<String> envNames = List.copyOf(values.keySet());
    String directory =
        server.workingDirectory().isBlank() ? null : resolve(server.workingDirectory(), parameters);
    ServerSpec spec;
    if (server.command().length > 0) {
      List<String> command = new ArrayList<>();
      for (String part : server.command()) {
        command.add(resolve(part, parameters));
      }
      spec =
          new ServerSpec(
              ServerSpec.STDIO, command, null, null, envNames, directory, null, null, null);
    } else if (!server.embedded().isBlank()) {
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
    } else {
      spec =
          new ServerSpec(
              ServerSpec.HTTP,
              List.of(),
              resolve(server.url(), parameters),
              null,
              envNames,
              directory,
              null,
              null,
              null);
    }
    return new ServerSettings(spec, Map.copyOf(values));
  }

  private static ObjectNode embedded(
      TapeServer server, Function<String, Optional<String>> parameters) {
    ObjectNode embedded = Json.mapper().createObjectNode();
    embedded.put("name", server.embedded());
    if (!server.componentDir().isBlank()) {
      embedded.put("componentDir", resolve(server.componentDir(), parameters));
    }
    for (String setting : server.settings()) {
      int equals = setting.indexOf('=');
      if (equals < 1) {
        throw new IllegalArgumentException(
            "@TapeServer settings must be key=value but one was '" + setting + "'");
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
            "@TapeServer refers to ${"
                + name
                + "}, which is neither a configuration parameter nor a system property");
      }
      matcher.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    matcher.appendTail(out);
    return out.toString();
  }
}
