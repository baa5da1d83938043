package dev.cassette.engine.config;

import static dev.cassette.engine.Constants.*;

import dev.cassette.annotations.RecordMode;
import dev.cassette.engine.match.MatchLayer;
import dev.cassette.engine.match.MatchLayers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.apiguardian.api.API;
import org.junit.platform.engine.ConfigurationParameters;

/**
 * The one reader of Cassette's settings ({@link dev.cassette.engine.Constants}), for the engine and
 * the {@code @Tape} extension alike: reads every setting once, from configuration parameters and
 * the environment, when it is built. A bad value, or an unknown {@code cassette.*} key among the
 * parameters that can be listed, is a problem ({@link #problems()}) naming the key, the value and
 * the valid values; the engine reports each as an ERROR discovery issue, the extension fails the
 * test with them. Where a value is bad, the accessor gives the default.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class CassetteConfiguration {

  private final ConfigurationParameters parameters;
  private final Map<String, String> environment;
  private final Set<String> problems = new LinkedHashSet<>();
  private final Optional<List<String>> serverCommand;
  private final Map<String, String> serverEnvironment;
  private final Optional<Path> serverWorkingDirectory;
  private final Optional<String> serverEmbedded;
  private final Map<String, String> serverSettings;
  private final AllowedCommands allowedCommands;
  private final Optional<String> ciReason;
  private final ServerReuse serverReuse;
  private final Duration timeout;
  private final Duration serverStartupTimeout;
  private final RecordMode recordMode;
  private final MatchLayer matchLayer;
  private final boolean parallelExecutionEnabled;
  private final Path tapesRoot;
  private final boolean offline;

  /**
   * Reads the configuration.
   *
   * @param parameters the configuration parameters
   * @param environment the environment (for {@code CASSETTE_RECORD}, {@code CI} and server env
   *     pass-through)
   */
  public CassetteConfiguration(
      ConfigurationParameters parameters, Map<String, String> environment) {
    this.parameters = Objects.requireNonNull(parameters, "parameters");
    this.environment = Map.copyOf(Objects.requireNonNull(environment, "environment"));
    serverCommand =
        read(SERVER_COMMAND_PROPERTY_NAME, CommandLine::split, null)
            .filter(words -> !words.isEmpty());
    serverEnvironment =
        text(SERVER_ENV_PROPERTY_NAME)
            .map(value -> environmentEntries(List.of(value.split(",")), this.environment))
            .orElse(Map.of());
    serverWorkingDirectory = read(SERVER_WORKING_DIRECTORY_PROPERTY_NAME, Path::of, null);
    serverEmbedded = text(SERVER_EMBEDDED_PROPERTY_NAME);
    serverSettings = readServerSettings();
    allowedCommands = readAllowedCommands();
    ciReason =
        ciReason(
            read(CI_PROPERTY_NAME, Values::strictBoolean, null).orElse(null),
            this.environment.get(CI_ENVIRONMENT_VARIABLE));
    serverReuse =
        read(
                SERVER_REUSE_PROPERTY_NAME,
                v -> Values.enumValue(ServerReuse.class, v),
                ServerReuse.TAPE)
            .orElseThrow();
    Optional<Duration> configuredTimeout = read(TIMEOUT_PROPERTY_NAME, Durations::parse, null);
    timeout = configuredTimeout.orElse(Durations.parse(DEFAULT_TIMEOUT));
    serverStartupTimeout =
        read(SERVER_STARTUP_TIMEOUT_PROPERTY_NAME, Durations::parse, null)
            .orElse(
                configuredTimeout.isPresent()
                    ? Duration.ZERO
                    : Durations.parse(DEFAULT_SERVER_STARTUP_TIMEOUT));
    recordMode = readRecordMode();
    matchLayer = readMatchLayer();
    parallelExecutionEnabled = Boolean.TRUE.equals(bool(PARALLEL_EXECUTION_ENABLED_PROPERTY_NAME));
    tapesRoot = read(TAPES_ROOT_PROPERTY_NAME, Path::of, Path.of(DEFAULT_TAPES_ROOT)).orElseThrow();
    offline = Boolean.TRUE.equals(bool(OFFLINE_PROPERTY_NAME));
    problems.addAll(ConfigurationKeys.unknown(parameters));
  }

  /**
   * Reads the configuration from a lookup that cannot list its keys (a Jupiter {@code
   * ExtensionContext}), so unknown keys go unnoticed.
   *
   * @param lookup the configuration parameter (or system property) of a key
   * @param environment the environment
   */
  public static CassetteConfiguration of(
      Function<String, Optional<String>> lookup, Map<String, String> environment) {
    return new CassetteConfiguration(new LookupParameters(lookup), environment);
  }

  /** The environment the configuration was read with. */
  public Map<String, String> environment() {
    return environment;
  }

  /** The configuration parameter (or system property) {@code key}, as given. */
  public Optional<String> parameter(String key) {
    return parameters.get(key);
  }

  /** The server command line, split into words, if configured. */
  public Optional<List<String>> serverCommand() {
    return serverCommand;
  }

  /** The server's environment: {@code NAME=value} entries and passed-through names. */
  public Map<String, String> serverEnvironment() {
    return serverEnvironment;
  }

  /** The server's working directory, if configured. */
  public Optional<Path> serverWorkingDirectory() {
    return serverWorkingDirectory;
  }

  /** The embedded server provider's name, if configured. */
  public Optional<String> serverEmbedded() {
    return serverEmbedded;
  }

  /** The embedded server's settings ({@code cassette.server.settings.*}). */
  public Map<String, String> serverSettings() {
    return serverSettings;
  }

  /** The commands a tape's own server block may start on CI; default none. */
  public AllowedCommands allowedCommands() {
    return allowedCommands;
  }

  /** Whether the run is on CI: see {@link #ciReason()}. */
  public boolean onCi() {
    return ciReason.isPresent();
  }

  /**
   * Why the run is on CI ({@code cassette.ci=true}, or the environment variable {@code CI} is set),
   * or empty when it is not.
   */
  public Optional<String> ciReason() {
    return ciReason;
  }

  /** How long servers live; default {@link ServerReuse#TAPE}. */
  public ServerReuse serverReuse() {
    return serverReuse;
  }

  /** The per-exchange timeout; default {@value dev.cassette.engine.Constants#DEFAULT_TIMEOUT}. */
  public Duration timeout() {
    return timeout;
  }

  /**
   * The extra time a fresh server gets for its first answer: {@code cassette.server.startupTimeout}
   * when set; else {@value dev.cassette.engine.Constants#DEFAULT_SERVER_STARTUP_TIMEOUT} when
   * {@code cassette.timeout} is not set either; else zero, so the timeout the user set bounds the
   * first answer too.
   */
  public Duration serverStartupTimeout() {
    return serverStartupTimeout;
  }

  /**
   * The record mode: the configuration parameter (or system property), else {@code
   * CASSETTE_RECORD}, else {@code none} on CI ({@link #onCi()}) and {@code new} otherwise.
   */
  public RecordMode recordMode() {
    return recordMode;
  }

  /**
   * The record mode written as {@code value} in configuration: {@code none}, {@code new}, {@code
   * all} or {@code failing}; case and surrounding blanks do not matter.
   *
   * @throws IllegalArgumentException listing the valid values
   */
  public static RecordMode parseRecordMode(String value) {
    return Values.enumValue(EnumSet.range(RecordMode.NONE, RecordMode.FAILING), value);
  }

  /** The matcher settings configured under {@code cassette.match.*}. */
  public MatchLayer matchLayer() {
    return matchLayer;
  }

  /** Whether tapes run in parallel; default {@code false}. */
  public boolean parallelExecutionEnabled() {
    return parallelExecutionEnabled;
  }

  /** The folder {@code @Tape} paths are relative to. */
  public Path tapesRoot() {
    return tapesRoot;
  }

  /** Whether {@code @Tape} tests are served from their tapes; default {@code false}. */
  public boolean offline() {
    return offline;
  }

  /** The underlying parameters. */
  public ConfigurationParameters parameters() {
    return parameters;
  }

  /** The problems found, each once, naming the key, the value and the valid values. */
  public List<String> problems() {
    return List.copyOf(problems);
  }

  /**
   * The one rule for whether a run is on CI: {@code cassette.ci} when it is set, else whether the
   * environment variable {@code CI} is set to anything but blank or {@code false}.
   *
   * @param configured the value of {@code cassette.ci}, or {@code null} when it is not set
   * @param ciVariable the value of the environment variable {@code CI}, or {@code null}
   * @return why the run is on CI, or empty when it is not
   */
  public static Optional<String> ciReason(Boolean configured, String ciVariable) {
    if (configured != null) {
      return configured ? Optional.of(CI_PROPERTY_NAME + "=true") : Optional.empty();
    }
    if (ciVariable == null || ciVariable.isBlank() || ciVariable.trim().equalsIgnoreCase("false")) {
      return Optional.empty();
    }
    return Optional.of("the environment variable " + CI_ENVIRONMENT_VARIABLE + " is set");
  }

  /**
   * Turns {@code NAME=value} and {@code NAME} entries into an environment map; a bare name takes
   * its value from {@code environment} and is left out when unset there.
   */
  public static Map<String, String> environmentEntries(
      List<String> entries, Map<String, String> environment) {
    Map<String, String> result = new LinkedHashMap<>();
    for (String raw : entries) {
      String entry = raw.trim();
      if (entry.isEmpty()) {
        continue;
      }
      int equals = entry.indexOf('=');
      if (equals > 0) {
        result.put(entry.substring(0, equals), entry.substring(equals + 1));
      } else if (environment.containsKey(entry)) {
        result.put(entry, environment.get(entry));
      }
    }
    return result;
  }

  private Map<String, String> readServerSettings() {
    Map<String, String> settings = new LinkedHashMap<>();
    for (String key : new TreeSet<>(parameters.keySet())) {
      if (key.startsWith(SERVER_SETTINGS_PREFIX)) {
        parameters
            .get(key)
            .ifPresent(
                value -> settings.put(key.substring(SERVER_SETTINGS_PREFIX.length()), value));
      }
    }
    return Map.copyOf(settings);
  }

  private AllowedCommands readAllowedCommands() {
    Optional<String> raw = text(SERVER_ALLOWED_COMMANDS_PROPERTY_NAME);
    if (raw.isEmpty()) {
      return AllowedCommands.NONE;
    }
    List<List<String>> entries = new ArrayList<>();
    for (String entry : Values.list(raw.get())) {
      try {
        entries.add(CommandLine.split(entry));
      } catch (IllegalArgumentException e) {
        problems.add(
            "configuration parameter "
                + SERVER_ALLOWED_COMMANDS_PROPERTY_NAME
                + " has invalid entry \""
                + entry
                + "\" ("
                + e.getMessage()
                + "; expected comma-separated command prefixes such as node src/server.js,uvx)");
      }
    }
    return new AllowedCommands(entries);
  }

  private RecordMode readRecordMode() {
    RecordMode fallback = ciReason.isPresent() ? RecordMode.NONE : RecordMode.NEW;
    if (text(RECORD_PROPERTY_NAME).isPresent()) {
      return read(RECORD_PROPERTY_NAME, CassetteConfiguration::parseRecordMode, fallback)
          .orElseThrow();
    }
    String fromEnvironment = environment.get(RECORD_ENVIRONMENT_VARIABLE);
    if (fromEnvironment == null || fromEnvironment.isBlank()) {
      return fallback;
    }
    try {
      return parseRecordMode(fromEnvironment);
    } catch (IllegalArgumentException e) {
      problems.add(
          "environment variable "
              + RECORD_ENVIRONMENT_VARIABLE
              + " has invalid value \""
              + fromEnvironment
              + "\" ("
              + e.getMessage()
              + ")");
      return fallback;
    }
  }

  private MatchLayer readMatchLayer() {
    List<String> arrayOrderPaths = List.of();
    Boolean arrayOrder = null;
    Optional<String> order = text(MATCH_IGNORE_ARRAY_ORDER_PROPERTY_NAME);
    if (order.isPresent()) {
      if (order.get().equals("true") || order.get().equals("false")) {
        arrayOrder = Boolean.valueOf(order.get());
      } else {
        arrayOrderPaths = Values.list(order.get());
      }
    }
    return new MatchLayer(
        text(MATCH_IGNORE_PATHS_PROPERTY_NAME).map(Values::list).orElse(List.of()),
        arrayOrder,
        arrayOrderPaths,
        bool(MATCH_IGNORE_EXTRA_FIELDS_PROPERTY_NAME),
        read(MATCH_NUMERIC_TOLERANCE_PROPERTY_NAME, Values::tolerance, null).orElse(null),
        bool(MATCH_NULL_AS_ABSENT_PROPERTY_NAME),
        bool(MATCH_JSON_IN_TEXT_PROPERTY_NAME),
        read(MATCH_NOTIFICATIONS_PROPERTY_NAME, MatchLayers::parseNotificationOrder, null)
            .orElse(null),
        bool(MATCH_STRICT_PROPERTY_NAME));
  }

  private Optional<String> text(String key) {
    return parameters.get(key).map(String::trim).filter(value -> !value.isEmpty());
  }

  private Boolean bool(String key) {
    return read(key, Values::strictBoolean, null).orElse(null);
  }

  private <T> Optional<T> read(String key, Function<String, T> parser, T fallback) {
    Optional<String> raw = parameters.get(key);
    if (raw.isEmpty() || raw.get().isBlank()) {
      return Optional.ofNullable(fallback);
    }
    try {
      return Optional.of(parser.apply(raw.get().trim()));
    } catch (RuntimeException e) {
      problems.add(
          "configuration parameter "
              + key
              + " has invalid value \""
              + raw.get()
              + "\" ("
              + e.getMessage()
              + ")");
      return Optional.ofNullable(fallback);
    }
  }

  /** Parameters read through a lookup that cannot list its keys. */
  private record LookupParameters(Function<String, Optional<String>> lookup)
      implements ConfigurationParameters {

    @Override
    public Optional<String> get(String key) {
      return lookup.apply(key);
    }

    @Override
    public Optional<Boolean> getBoolean(String key) {
      return get(key).map(value -> Boolean.valueOf(value.trim()));
    }

    @Override
    public Set<String> keySet() {
      return Set.of();
    }
  }
}
