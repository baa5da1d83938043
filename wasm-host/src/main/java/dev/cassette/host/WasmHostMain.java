package dev.cassette.host;

import dev.cassette.host.wasm.SandboxSettings;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apiguardian.api.API;

/**
 * Runs the host over standard input and output, like {@code wassette run}: {@code java
 * dev.cassette.host.WasmHostMain [--component-dir DIR] [--deterministic] [--seed N]
 * [--call-timeout-ms N]}. Guests see the process environment, filtered by their policies.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class WasmHostMain {
  private WasmHostMain() {}

  /** Parses the options, serves until standard input ends, and exits. */
  public static void main(String[] args) {
    PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
    HostSettings settings;
    try {
      settings = parse(List.of(args));
    } catch (IllegalArgumentException e) {
      err.println("cassette-wasm-host: " + e.getMessage());
      err.println(
          "usage: WasmHostMain [--component-dir DIR] [--deterministic] [--seed N]"
              + " [--call-timeout-ms N]");
      System.exit(2);
      return;
    }
    try {
      WasmHost.runStdio(settings, System.in, System.out, line -> err.println("wasm-host: " + line));
    } catch (IOException e) {
      err.println("cassette-wasm-host: " + e.getMessage());
      System.exit(1);
    }
    System.exit(0);
  }

  /**
   * Parses command-line options into settings (environment values from this process).
   *
   * @throws IllegalArgumentException naming the option that is wrong
   */
  public static HostSettings parse(List<String> args) {
    Path dir = null;
    boolean deterministic = false;
    long seed = 0;
    long timeout = SandboxSettings.DEFAULT_CALL_TIMEOUT.toMillis();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      switch (arg) {
        case "--component-dir":
          dir = Path.of(value(args, ++i, arg));
          break;
        case "--deterministic":
          deterministic = true;
          break;
        case "--seed":
          seed = number(value(args, ++i, arg), arg);
          break;
        case "--call-timeout-ms":
          timeout = number(value(args, ++i, arg), arg);
          break;
        default:
          throw new IllegalArgumentException("unknown option '" + arg + "'");
      }
    }
    return new HostSettings(
        dir,
        new SandboxSettings(
            deterministic,
            seed,
            Duration.ofMillis(timeout),
            SandboxSettings.DEFAULT_MEMORY_LIMIT_BYTES,
            System.getenv()));
  }

  private static String value(List<String> args, int index, String option) {
    if (index >= args.size()) {
      throw new IllegalArgumentException("option '" + option + "' needs a value");
    }
    return args.get(index);
  }

  private static long number(String value, String option) {
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "option '" + option + "' needs a whole number, got '" + value + "'", e);
    }
  }
}
