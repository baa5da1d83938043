package dev.cassette.engine;

import org.apiguardian.api.API;

/**
 * Configuration parameters of the {@code cassette} engine.
 *
 * <p>Set them as JUnit Platform configuration parameters ({@code junit-platform.properties},
 * Surefire's {@code configurationParameters}, the Console Launcher's {@code --config}) or as system
 * properties. Every key and its values are described in {@code docs/configuration.md}.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class Constants {

  /** The engine's id: {@value}. */
  public static final String ENGINE_ID = "cassette";

  /**
   * The server's command line, split into words like a POSIX shell: {@value}. Overrides {@code
   * Server} annotations and the tapes' own server blocks. Default: none.
   */
  public static final String SERVER_COMMAND_PROPERTY_NAME = "cassette.server.command";

  /**
   * Environment for the server: {@value}. Comma-separated {@code NAME=value} entries, or {@code
   * NAME} to pass a variable through. Default: none.
   */
  public static final String SERVER_ENV_PROPERTY_NAME = "cassette.server.env";

  /** The server's working directory: {@value}. Default: the current directory. */
  public static final String SERVER_WORKING_DIRECTORY_PROPERTY_NAME =
      "cassette.server.workingDirectory";

  /**
   * The name of an embedded server provider to use as the server: {@value}. Default: none (the
   * {@code wassette} provider is used when no other server is named and it is on the classpath).
   */
  public static final String SERVER_EMBEDDED_PROPERTY_NAME = "cassette.server.embedded";

  /**
   * Prefix of the embedded server's settings: {@value}; for example {@code
   * cassette.server.settings.componentDir=build}.
   */
  public static final String SERVER_SETTINGS_PREFIX = "cassette.server.settings.";

  /**
   * The commands a tape's own server block may start on CI: {@value}. Comma-separated entries, each
   * a command prefix of one or more words (split like {@link #SERVER_COMMAND_PROPERTY_NAME}); a
   * word matches the tape's word in the same position exactly, or as a glob when it holds {@code
   * *}, {@code ?}, {@code [} or {@code {}. Default: none, so on CI a tape's own command is not run.
   */
  public static final String SERVER_ALLOWED_COMMANDS_PROPERTY_NAME =
      "cassette.server.allowedCommands";

  /**
   * When servers are started: {@value}. {@code tape} (default) starts a fresh server per tape;
   * {@code suite} shares one server across the tapes of a suite (or of the whole run).
   */
  public static final String SERVER_REUSE_PROPERTY_NAME = "cassette.server.reuse";

  /**
   * How long to wait for each exchange's response and awaited notifications: {@value}. A duration
   * such as {@code 10s}, {@code 500ms}, {@code 2m} or ISO-8601 {@code PT10S}. Default: {@value
   * #DEFAULT_TIMEOUT}.
   */
  public static final String TIMEOUT_PROPERTY_NAME = "cassette.timeout";

  /** The default of {@link #TIMEOUT_PROPERTY_NAME}: {@value}. */
  public static final String DEFAULT_TIMEOUT = "10s";

  /**
   * How long a freshly started server may take before it answers its first message, on top of
   * {@link #TIMEOUT_PROPERTY_NAME}: {@value}. Default: {@value #DEFAULT_SERVER_STARTUP_TIMEOUT}
   * when {@link #TIMEOUT_PROPERTY_NAME} is not set either; when only {@link #TIMEOUT_PROPERTY_NAME}
   * is set, the first answer is bounded by that timeout alone.
   */
  public static final String SERVER_STARTUP_TIMEOUT_PROPERTY_NAME =
      "cassette.server.startupTimeout";

  /** The default of {@link #SERVER_STARTUP_TIMEOUT_PROPERTY_NAME}: {@value}. */
  public static final String DEFAULT_SERVER_STARTUP_TIMEOUT = "30s";

  /**
   * The record mode: {@value}. {@code none} verifies only; {@code new} records missing tapes and
   * verifies the rest; {@code all} re-records every selected tape; {@code failing} re-records the
   * tapes that fail. Also read from the environment variable {@value #RECORD_ENVIRONMENT_VARIABLE}.
   * Default: {@code new}, or {@code none} on CI (see {@link #CI_PROPERTY_NAME}).
   */
  public static final String RECORD_PROPERTY_NAME = "cassette.record";

  /**
   * Whether the run behaves as on CI: {@value}, {@code true} or {@code false}. Default: whether the
   * environment variable {@value #CI_ENVIRONMENT_VARIABLE} is set to anything but blank or {@code
   * false}. On CI the record mode defaults to {@code none} and a tape's own server command runs
   * only when {@link #SERVER_ALLOWED_COMMANDS_PROPERTY_NAME} allows it.
   */
  public static final String CI_PROPERTY_NAME = "cassette.ci";

  /** The environment variable that says a run is on CI: {@value}. */
  public static final String CI_ENVIRONMENT_VARIABLE = "CI";

  /** The environment variable read when {@link #RECORD_PROPERTY_NAME} is not set: {@value}. */
  public static final String RECORD_ENVIRONMENT_VARIABLE = "CASSETTE_RECORD";

  /**
   * Whether {@code @Tape} tests are served from their tapes with no live server: {@value}, {@code
   * true} or {@code false}. Default: {@code false}.
   */
  public static final String OFFLINE_PROPERTY_NAME = "cassette.offline";

  /**
   * The folder {@code @Tape} paths are relative to: {@value}. Default: {@value
   * #DEFAULT_TAPES_ROOT}.
   */
  public static final String TAPES_ROOT_PROPERTY_NAME = "cassette.tapes.root";

  /** The default of {@link #TAPES_ROOT_PROPERTY_NAME}: {@value}. */
  public static final String DEFAULT_TAPES_ROOT = "src/test/resources/tapes";

  /**
   * The prefix of every key: {@value}. A key under it that is none of these constants (nor under
   * {@link #SERVER_SETTINGS_PREFIX} or {@link #PARALLEL_CONFIG_PREFIX}) is an error.
   */
  public static final String PREFIX = "cassette.";

  /** Comma-separated JSON paths ignored in every comparison: {@value}. Default: none. */
  public static final String MATCH_IGNORE_PATHS_PROPERTY_NAME = "cassette.match.ignorePaths";

  /**
   * Array order: {@value}. {@code true} ignores it everywhere, {@code false} (default) compares it,
   * or a comma-separated list of array paths where it is ignored.
   */
  public static final String MATCH_IGNORE_ARRAY_ORDER_PROPERTY_NAME =
      "cassette.match.ignoreArrayOrder";

  /** Whether extra fields in live messages are accepted: {@value}. Default: {@code false}. */
  public static final String MATCH_IGNORE_EXTRA_FIELDS_PROPERTY_NAME =
      "cassette.match.ignoreExtraFields";

  /** The largest accepted numeric difference: {@value}. Default: none (exact). */
  public static final String MATCH_NUMERIC_TOLERANCE_PROPERTY_NAME =
      "cassette.match.numericTolerance";

  /** Whether {@code null} equals an absent field: {@value}. Default: {@code false}. */
  public static final String MATCH_NULL_AS_ABSENT_PROPERTY_NAME = "cassette.match.nullAsAbsent";

  /**
   * Whether JSON carried as text in {@code content[].text} is compared structurally: {@value}.
   * Default: {@code true}.
   */
  public static final String MATCH_JSON_IN_TEXT_PROPERTY_NAME = "cassette.match.jsonInText";

  /** How notifications are compared: {@value}. {@code unordered} (default) or {@code ordered}. */
  public static final String MATCH_NOTIFICATIONS_PROPERTY_NAME = "cassette.match.notifications";

  /** Whether unexpected notifications fail an exchange: {@value}. Default: {@code false}. */
  public static final String MATCH_STRICT_PROPERTY_NAME = "cassette.match.strict";

  /**
   * Whether tapes run in parallel: {@value}. Default: {@code false}. The executor is configured by
   * the keys under {@value #PARALLEL_CONFIG_PREFIX} ({@code strategy}, {@code fixed.parallelism},
   * {@code dynamic.factor}, …), as for JUnit Jupiter.
   */
  public static final String PARALLEL_EXECUTION_ENABLED_PROPERTY_NAME =
      "cassette.execution.parallel.enabled";

  /**
   * Whether a component whose bytes differ from the sha256 its tape recorded is accepted: {@value}.
   * {@code false} (default) fails such a tape before its first exchange; {@code true} replays it
   * with the rebuilt component and compares behaviour only.
   */
  public static final String COMPONENTS_ACCEPT_REBUILT_PROPERTY_NAME =
      "cassette.components.acceptRebuilt";

  /** Prefix of the parallel executor's settings: {@value}. */
  public static final String PARALLEL_CONFIG_PREFIX = "cassette.execution.parallel.config.";

  private Constants() {}
}
