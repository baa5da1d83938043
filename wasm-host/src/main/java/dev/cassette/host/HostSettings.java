package dev.cassette.host;

import dev.cassette.host.policy.MemorySize;
import dev.cassette.host.wasm.SandboxSettings;
import dev.cassette.proxy.launch.EmbeddedServerOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * Settings of the embedded Wassette-compatible host.
 *
 * @param componentDir the directory whose {@code *.wasm} components load at start (and that {@code
 *     search-components} lists), or {@code null}
 * @param sandbox how tool calls run (determinism, seed, limits, environment values)
 * @param policyChangesInMemory whether grants, revokes and resets stay in memory instead of being
 *     written to the policy files (for recording and replaying tapes without touching them)
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record HostSettings(
    Path componentDir, SandboxSettings sandbox, boolean policyChangesInMemory) {
  /** Setting key: the component directory (a path). */
  public static final String COMPONENT_DIR = "componentDir";

  /** Setting key: {@code true} for virtual clocks and seeded randomness; default {@code false}. */
  public static final String DETERMINISTIC = "deterministic";

  /** Setting key: the random seed (a long) used when deterministic; default {@code 0}. */
  public static final String SEED = "seed";

  /** Setting key: the time budget of one tool call in milliseconds; default {@code 10000}. */
  public static final String CALL_TIMEOUT_MILLIS = "callTimeoutMillis";

  /**
   * Setting key: the memory cap of a call when its policy sets none (for example {@code 256Mi});
   * default {@code 256Mi}.
   */
  public static final String MEMORY_LIMIT = "memoryLimit";

  /**
   * Setting key: where grants, revokes and resets go: {@code file} (the policy files, as Wassette
   * does; the default) or {@code memory} (kept for the life of the host; files stay untouched).
   */
  public static final String POLICY_CHANGES = "policyChanges";

  /**
   * Setting key prefix: {@code env.NAME=value} gives guests the variable {@code NAME} (subject to
   * their policies) as plain configuration, recorded in tapes; secrets belong in the options'
   * environment instead, which tapes list by name only.
   */
  public static final String ENV_PREFIX = "env.";

  /** Checks arguments. */
  public HostSettings {
    Objects.requireNonNull(sandbox, "sandbox");
  }

  /** Settings whose policy changes go to the policy files, as Wassette does. */
  public HostSettings(Path componentDir, SandboxSettings sandbox) {
    this(componentDir, sandbox, false);
  }

  /**
   * Reads the settings of an embedded server.
   *
   * @throws IllegalArgumentException naming the key and the value that is not valid
   */
  public static HostSettings fromOptions(EmbeddedServerOptions options) {
    Objects.requireNonNull(options, "options");
    String dir = options.setting(COMPONENT_DIR, null);
    SandboxSettings sandbox =
        new SandboxSettings(
            bool(options.setting(DETERMINISTIC, "false")),
            number(SEED, options.setting(SEED, "0")),
            Duration.ofMillis(
                number(
                    CALL_TIMEOUT_MILLIS,
                    options.setting(
                        CALL_TIMEOUT_MILLIS,
                        String.valueOf(SandboxSettings.DEFAULT_CALL_TIMEOUT.toMillis())))),
            memory(options.setting(MEMORY_LIMIT, null)),
            guestEnvironment(options));
    return new HostSettings(
        dir == null || dir.isBlank() ? null : Path.of(dir),
        sandbox,
        policyChangesInMemory(options.setting(POLICY_CHANGES, "file")));
  }

  /** The settings as string keys and values, as a tape records them (environment excluded). */
  public Map<String, String> asSettings() {
    java.util.Map<String, String> map = new java.util.LinkedHashMap<>();
    if (componentDir != null) {
      map.put(COMPONENT_DIR, componentDir.toString());
    }
    map.put(DETERMINISTIC, String.valueOf(sandbox.deterministic()));
    map.put(SEED, String.valueOf(sandbox.seed()));
    map.put(CALL_TIMEOUT_MILLIS, String.valueOf(sandbox.callTimeout().toMillis()));
    map.put(MEMORY_LIMIT, String.valueOf(sandbox.defaultMemoryLimitBytes()));
    map.put(POLICY_CHANGES, policyChangesInMemory ? "memory" : "file");
    return map;
  }

  private static boolean bool(String value) {
    if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
      return Boolean.parseBoolean(value);
    }
    throw new IllegalArgumentException(
        "setting '" + DETERMINISTIC + "' must be true or false, got '" + value + "'");
  }

  private static Map<String, String> guestEnvironment(EmbeddedServerOptions options) {
    Map<String, String> environment = new java.util.TreeMap<>();
    options
        .settings()
        .forEach(
            (key, value) -> {
              if (key.startsWith(ENV_PREFIX) && key.length() > ENV_PREFIX.length()) {
                environment.put(key.substring(ENV_PREFIX.length()), value);
              }
            });
    environment.putAll(options.environment());
    return environment;
  }

  private static boolean policyChangesInMemory(String value) {
    if (value.equals("file") || value.equals("memory")) {
      return value.equals("memory");
    }
    throw new IllegalArgumentException(
        "setting '" + POLICY_CHANGES + "' must be file or memory, got '" + value + "'");
  }

  private static long number(String key, String value) {
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "setting '" + key + "' must be a whole number, got '" + value + "'", e);
    }
  }

  private static long memory(String value) {
    if (value == null) {
      return SandboxSettings.DEFAULT_MEMORY_LIMIT_BYTES;
    }
    try {
      return MemorySize.parseBytes(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "setting '" + MEMORY_LIMIT + "' is not a memory size: '" + value + "'", e);
    }
  }
}
