package dev.cassette.host.wasm;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * How calls run.
 *
 * @param deterministic whether clocks and randomness are virtual and seeded
 * @param seed the random seed used when {@code deterministic}
 * @param callTimeout the time budget of one tool call (the guest is interrupted after it)
 * @param defaultMemoryLimitBytes the memory cap of a call when its policy sets none
 * @param environment the values environment variables have for guests (only keys the policy allows
 *     are passed on)
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record SandboxSettings(
    boolean deterministic,
    long seed,
    Duration callTimeout,
    long defaultMemoryLimitBytes,
    Map<String, String> environment) {

  /** The default call time budget: 10 seconds. */
  public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(10);

  /** The default memory cap: 256 MiB. */
  public static final long DEFAULT_MEMORY_LIMIT_BYTES = 256L << 20;

  /** Checks arguments and copies the map. */
  public SandboxSettings {
    Objects.requireNonNull(callTimeout, "callTimeout");
    if (callTimeout.isNegative() || callTimeout.isZero()) {
      throw new IllegalArgumentException("callTimeout must be positive, got " + callTimeout);
    }
    if (defaultMemoryLimitBytes < 65_536) {
      throw new IllegalArgumentException(
          "defaultMemoryLimitBytes must be at least one page (65536), got "
              + defaultMemoryLimitBytes);
    }
    environment = Map.copyOf(Objects.requireNonNull(environment, "environment"));
  }

  /** Non-deterministic defaults without environment values. */
  public static SandboxSettings defaults() {
    return new SandboxSettings(
        false, 0L, DEFAULT_CALL_TIMEOUT, DEFAULT_MEMORY_LIMIT_BYTES, Map.of());
  }
}
