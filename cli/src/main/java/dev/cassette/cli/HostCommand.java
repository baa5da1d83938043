package dev.cassette.cli;

import dev.cassette.host.HostSettings;
import dev.cassette.host.WasmHost;
import dev.cassette.host.WasmHostMain;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cassette host}: the embedded Wassette-compatible host as a stdio MCP server, a drop-in for
 * {@code wassette run} in any MCP client's configuration.
 */
@Command(
    name = "host",
    mixinStandardHelpOptions = true,
    description = {
      "Serve WebAssembly tools over stdio like `wassette run` (the embedded host).",
      "Guests see this process's environment, filtered by their policies."
    })
final class HostCommand implements Callable<Integer> {

  @Option(
      names = "--component-dir",
      paramLabel = "DIR",
      description = "Load every *.wasm in DIR at start (policies: <id>.policy.yaml beside them).")
  Path componentDir;

  @Option(
      names = "--deterministic",
      description = "Virtual clock and seeded randomness, so time and random tools replay exactly.")
  boolean deterministic;

  @Option(names = "--seed", paramLabel = "N", description = "Random seed when deterministic.")
  Long seed;

  @Option(
      names = "--call-timeout-ms",
      paramLabel = "MS",
      description = "Time budget of one tool call (default 10000).")
  Long callTimeoutMillis;

  @Override
  public Integer call() throws IOException {
    HostSettings settings = WasmHostMain.parse(arguments());
    PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
    WasmHost.runStdio(
        settings, System.in, System.out, line -> err.println("cassette host: " + line));
    return 0;
  }

  private List<String> arguments() {
    List<String> args = new ArrayList<>();
    if (componentDir != null) {
      args.add("--component-dir");
      args.add(componentDir.toString());
    }
    if (deterministic) {
      args.add("--deterministic");
    }
    if (seed != null) {
      args.add("--seed");
      args.add(seed.toString());
    }
    if (callTimeoutMillis != null) {
      args.add("--call-timeout-ms");
      args.add(callTimeoutMillis.toString());
    }
    return args;
  }
}
