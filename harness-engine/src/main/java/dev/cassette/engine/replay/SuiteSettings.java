package dev.cassette.engine.replay;

import dev.cassette.annotations.Match;
import dev.cassette.annotations.Server;
import dev.cassette.engine.config.CassetteConfiguration;
import dev.cassette.engine.config.CommandLine;
import dev.cassette.engine.match.MatchLayer;
import dev.cassette.engine.match.MatchLayers;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * What a {@code @TapeSuite} class says about its tapes' server and matchers.
 *
 * @param server the {@code @Server} settings, or {@code null}
 * @param match the {@code @Match} settings
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public record SuiteSettings(ServerOverride server, MatchLayer match) {

  /** Settings of tapes run outside any suite. */
  public static final SuiteSettings NONE = new SuiteSettings(null, MatchLayer.EMPTY);

  /**
   * Reads {@code @Server} and {@code @Match} from a suite class.
   *
   * @throws IllegalArgumentException if {@code @Server}'s command line cannot be split
   */
  public static SuiteSettings of(Class<?> suiteClass, Map<String, String> environment) {
    Server server = suiteClass.getAnnotation(Server.class);
    ServerOverride override = null;
    if (server != null) {
      Map<String, String> settings = new LinkedHashMap<>();
      for (String setting : server.settings()) {
        int equals = setting.indexOf('=');
        if (equals < 1) {
          throw new IllegalArgumentException(
              "@Server settings entry must be key=value but was \"" + setting + "\"");
        }
        settings.put(setting.substring(0, equals), setting.substring(equals + 1));
      }
      override =
          new ServerOverride(
              server.command().isBlank() ? List.of() : CommandLine.split(server.command()),
              CassetteConfiguration.environmentEntries(List.of(server.env()), environment),
              server.workingDirectory().isBlank() ? null : server.workingDirectory(),
              server.embedded().isBlank() ? null : server.embedded(),
              settings,
              "@Server on " + suiteClass.getName());
    }
    return new SuiteSettings(
        override, MatchLayers.fromAnnotation(suiteClass.getAnnotation(Match.class)));
  }
}
