package dev.cassette.engine.replay;

import dev.cassette.annotations.Match;
import dev.cassette.annotations.Server;
import dev.cassette.engine.config.CassetteConfiguration;
import dev.cassette.engine.match.MatchLayer;
import dev.cassette.engine.match.MatchLayers;
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
   * Reads {@code @Server} (through {@link ServerAnnotations}) and {@code @Match} from a suite
   * class.
   *
   * @throws IllegalArgumentException naming what is wrong with {@code @Server}
   */
  public static SuiteSettings of(Class<?> suiteClass, CassetteConfiguration configuration) {
    Server server = suiteClass.getAnnotation(Server.class);
    ServerOverride override =
        server == null
            ? null
            : ServerAnnotations.read(server, configuration, "@Server on " + suiteClass.getName());
    return new SuiteSettings(
        override, MatchLayers.fromAnnotation(suiteClass.getAnnotation(Match.class)));
  }
}
