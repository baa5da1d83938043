package dev.cassette.engine.config;

import static dev.cassette.engine.Constants.*;

import dev.cassette.engine.match.MatchLayer;
import dev.cassette.engine.match.MatchLayers;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;
import org.apiguardian.api.API;
import org.junit.platform.engine.ConfigurationParameters;

/**
 * Reads the engine's settings ({@link dev.cassette.engine.Constants}) from JUnit configuration
 * parameters and the environment. A bad value gives the documented default and a problem (see
 * {@link #problems()}) naming the key and the value, which discovery reports as a warning.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class CassetteConfiguration {

  private final ConfigurationParameters parameters;
  private final Map<String, String> environment;
  private final List<String> problems = new ArrayList<>();

  /**
   * Creates a reader.
   *
   * @param parameters the configuration parameters
   * @param environment the environment (for {@code CASSETTE_RECORD}, {@code CI} and server env
   *     pass-through)
   */
  public CassetteConfiguration(
      ConfigurationParameters parameters, Map<String, String> environment) {
    this.parameters = Objects.requireNonNull(parameters, "parameters");
    this.environment = Map.copyOf(Objects.requireNonNull(environment, "environment"));
  }

  /** The environment the configuration was read with. */
  public Map<String, String> environment() {
    return environment;
  }

  /** The server command line, split into words, if configured. */
  public Optional<List<String>> serverCommand() {
    return read(SERVER_COMMAND_PROPERTY_NAME, CommandLine::split, null)
        .filter(words -> !words.isEmpty());
  }

  /** The server's environment: {@code NAME=value} entries and passed-through names. */
  public Map<String, String> serverEnvironment() {
    return parameters
        .get(SERVER_ENV_PROPERTY_NAME)
        .map(value -> environmentEntries(List.of(value.split(",")), environment))
        .orElse(Map.of());
  }

  /** The server's working directory, if configured. */
  public Optional<Path> serverWorkingDirectory() {
    return read(SERVER_WORKING_DIRECTORY_PROPERTY_NAME, Path::of, null);
  }

  /** The embedded server provider's name, if configured. */
  public Optional<String> serverEmbedded() {
    return parameters
        .get(SERVER_EMBEDDED_PROPERTY_NAME)
        .map(String::trim)
        .filter(s -> !s.isEmpty());
  }

  /** The embedded server's settings ({@code cassette.server.settings.*}). */
  public Map<String, String> serverSettings() {
    Map<String, String> settings = new LinkedHashMap<>();
    for (String key : new TreeSet<>(parameters.keySet())) {
      if (key.startsWith(SERVER_SETTINGS_PREFIX)) {
        parameters
            .get(key)
            .ifPresent(
                value -> settings.put(key.substring(SERVER_SETTINGS_PREFIX.length()), value));
      }
    }
    return settings;
  }

  /** The commands a tape's own server block may start on CI; default none. */
  public AllowedCommands allowedCommands() {
    Optional<String> raw = parameters.get(SERVER_ALLOWED_COMMANDS_PROPERTY_NAME);
    if (raw.isEmpty()) {
      return AllowedCommands.NONE;
    }
    List<List<String>> entries = new ArrayList<>();
    for (String entry : list(raw.get())) {
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
                + "); left out");
      }
    }
    return new AllowedCommands(entries);
  }

  /** Whether the run is on CI: see {@link #ciReason()}. */
  public boolean onCi() {
    return ciReason().isPresent();
  }

  /**
   * Why the run is on CI ({@code cassette.ci=true}, or the environment variable {@code CI} is set),
   * or empty when it is not.
   */
  public Optional<String> ciReason() {
    return ciReason(
        read(CI_PROPERTY_NAME, CassetteConfiguration::strictBoolean, null).orElse(null),
        environment.get(CI_ENVIRONMENT_VARIABLE));
  }

  /**
   * The one rule for whether a run is on CI, shared with the {@code @Tape} extension: {@code
   * cassette.ci} when it is set, else whether the environment variable {@code CI} is set to
   * anything but blank or {@code false}.
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

  /** How long servers live; default {@link ServerReuse#TAPE}. */
  public ServerReuse serverReuse() {
    return read(SERVER_REUSE_PROPERTY_NAME, v -> enumValue(ServerReuse.class, v), ServerReuse.TAPE)
        .orElseThrow();
  }

  /** The per-exchange timeout; default {@value dev.cassette.engine.Constants#DEFAULT_TIMEOUT}. */
  public Duration timeout() {
    return read(TIMEOUT_PROPERTY_NAME, Durations::parse, Durations.parse(DEFAULT_TIMEOUT))
        .orElseThrow();
  }

  /** The extra time a fresh server gets for its first answer; default 30 s. */
  public Duration serverStartupTimeout() {
    return read(
            SERVER_STARTUP_TIMEOUT_PROPERTY_NAME,
            Durations::parse,
            Durations.parse(DEFAULT_SERVER_STARTUP_TIMEOUT))
        .orElseThrow();
  }

  /**
   * The record mode: the configuration parameter (or system property), else {@code
   * CASSETTE_RECORD}, else {@code none} on CI ({@link #onCi()}) and {@code new} otherwise.
   */
  public RecordMode recordMode() {
    RecordMode fallback = onCi() ? RecordMode.NONE : RecordMode.NEW;
    Optional<String> configured = parameters.get(RECORD_PROPERTY_NAME);
    if (configured.isPresent()) {
      return read(RECORD_PROPERTY_NAME, v -> enumValue(RecordMode.class, v), fallback)
          .orElseThrow();
    }
    String fromEnvironment = environment.get(RECORD_ENVIRONMENT_VARIABLE);
    if (fromEnvironment == null || fromEnvironment.isBlank()) {
      return fallback;
    }
    try {
      return enumValue(RecordMode.class, fromEnvironment);
    } catch (IllegalArgumentException e) {
      problems.add(
          "environment variable "
              + RECORD_ENVIRONMENT_VARIABLE
              + " has invalid value \""
              + fromEnvironment
              + "\" ("
              + e.getMessage()
              + "); using "
              + fallback.configValue());
      return fallback;
    }
  }

  /** The matcher settings configured under {@code cassette.match.*}. */
  public MatchLayer matchLayer() {
    List<String> arrayOrderPaths = List.of();
    Boolean arrayOrder = null;
    Optional<String> order =
        parameters.get(MATCH_IGNORE_ARRAY_ORDER_PROPERTY_NAME).map(String::trim);
    if (order.isPresent()) {
      if (order.get().equals("true") || order.get().equals("false")) {
        arrayOrder = Boolean.valueOf(order.get());
      } else {
        arrayOrderPaths = list(order.get());
      }
    }
    return new MatchLayer(
        parameters
            .get(MATCH_IGNORE_PATHS_PROPERTY_NAME)
            .map(CassetteConfiguration::list)
            .orElse(List.of()),
        arrayOrder,
        arrayOrderPaths,
        bool(MATCH_IGNORE_EXTRA_FIELDS_PROPERTY_NAME),
        read(MATCH_NUMERIC_TOLERANCE_PROPERTY_NAME, CassetteConfiguration::tolerance, null)
            .orElse(null),
        bool(MATCH_NULL_AS_ABSENT_PROPERTY_NAME),
        bool(MATCH_JSON_IN_TEXT_PROPERTY_NAME),
        read(MATCH_NOTIFICATIONS_PROPERTY_NAME, MatchLayers::parseNotificationOrder, null)
            .orElse(null),
        bool(MATCH_STRICT_PROPERTY_NAME));
  }

  /** Whether tapes run in parallel; default {@code false}. */
  public boolean parallelExecutionEnabled() {
    return Boolean.TRUE.equals(bool(PARALLEL_EXECUTION_ENABLED_PROPERTY_NAME));
  }

  /** The underlying parameters. */
  public ConfigurationParameters parameters() {
    return parameters;
  }

  /**
   * Reads every setting and returns the problems found (each once), naming the key and the value.
   */
  public List<String> problems() {
    problems.clear();
    serverCommand();
    allowedCommands();
    serverWorkingDirectory();
    serverReuse();
    timeout();
    serverStartupTimeout();
    onCi();
    recordMode();
    matchLayer();
    parallelExecutionEnabled();
    return List.copyOf(new LinkedHashSet<>(problems));
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

  private Boolean bool(String key) {
    return read(key, CassetteConfiguration::strictBoolean, null).orElse(null);
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
              + ")"
              + (fallback == null ? "; ignored" : "; using the default " + describe(fallback)));
      return Optional.ofNullable(fallback);
    }
  }

  private static String describe(Object value) {
    if (value instanceof Enum<?> e) {
      return e.name().toLowerCase(Locale.ROOT);
    }
    if (value instanceof Duration d) {
      return d.toString();
    }
    return String.valueOf(value);
  }

  private static Boolean strictBoolean(String value) {
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "true" -> Boolean.TRUE;
      case "false" -> Boolean.FALSE;
      default -> throw new IllegalArgumentException("expected true or false");
    };
  }

  private static BigDecimal tolerance(String value) {
    BigDecimal tolerance = new BigDecimal(value);
    if (tolerance.signum() < 0) {
      throw new IllegalArgumentException("must be >= 0");
    }
    return tolerance;
  }

  private static <E extends Enum<E>> E enumValue(Class<E> type, String value) {
    try {
      return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      List<String> names = new ArrayList<>();
      for (E constant : type.getEnumConstants()) {
        names.add(constant.name().toLowerCase(Locale.ROOT));
      }
      throw new IllegalArgumentException("expected one of " + String.join(", ", names), e);
    }
  }

  private static List<String> list(String value) {
    List<String> result = new ArrayList<>();
    for (String part : value.split(",")) {
      if (!part.isBlank()) {
        result.add(part.trim());
      }
    }
    return result;
  }
}
