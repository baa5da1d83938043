package dev.cassette.engine.replay;

import dev.cassette.annotations.Server;
import dev.cassette.engine.config.CassetteConfiguration;
import dev.cassette.engine.config.CommandLine;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apiguardian.api.API;

/**
 * The one reader of {@link Server @Server}, on a {@code @TapeSuite} class or a {@code @Tape} test.
 * Each word of the command, the working directory and each setting's value may refer to a
 * configuration parameter or system property as {@code ${name}}; environment values come from the
 * configuration's environment and stay out of the spec (only their names reach a tape).
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class ServerAnnotations {

  private static final Pattern REFERENCE = Pattern.compile("\\$\\{([^}]+)}");

  private ServerAnnotations() {}

  /**
   * Reads {@code server}.
   *
   * @param server the annotation
   * @param configuration the configuration {@code ${name}} and environment names are read from
   * @param origin where the annotation is, for messages (for example {@code @Server on
   *     com.example.Tapes})
   * @throws IllegalArgumentException naming what is wrong: neither or both of command and embedded,
   *     a setting that is not {@code key=value}, an unknown {@code ${name}}, a command line that
   *     cannot be split
   */
  public static ServerOverride read(
      Server server, CassetteConfiguration configuration, String origin) {
    boolean hasCommand = !server.command().isBlank();
    boolean hasEmbedded = !server.embedded().isBlank();
    if (hasCommand == hasEmbedded) {
      throw new IllegalArgumentException(
          "@Server needs exactly one of command or embedded but has "
              + (hasCommand ? "both" : "neither"));
    }
    List<String> command = new ArrayList<>();
    if (hasCommand) {
      for (String word : CommandLine.split(server.command())) {
        command.add(resolve(word, configuration));
      }
    }
    Map<String, String> settings = new LinkedHashMap<>();
    for (String setting : server.settings()) {
      int equals = setting.indexOf('=');
      if (equals < 1) {
        throw new IllegalArgumentException(
            "@Server settings entry must be key=value but was \"" + setting + "\"");
      }
      settings.put(
          setting.substring(0, equals).trim(),
          resolve(setting.substring(equals + 1), configuration));
    }
    return new ServerOverride(
        command,
        CassetteConfiguration.environmentEntries(
            List.of(server.env()), configuration.environment()),
        server.workingDirectory().isBlank()
            ? null
            : resolve(server.workingDirectory(), configuration),
        hasEmbedded ? server.embedded().trim() : null,
        settings,
        origin);
  }

  /** Replaces {@code ${name}} with the configuration parameter or system property of that name. */
  static String resolve(String text, CassetteConfiguration configuration) {
    Matcher matcher = REFERENCE.matcher(text);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      String name = matcher.group(1);
      String value = configuration.parameter(name).orElseGet(() -> System.getProperty(name));
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
