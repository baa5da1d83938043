package com.example.fidelity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cassette.host.WassetteServerProvider;
import dev.cassette.proxy.launch.EmbeddedServer;
import dev.cassette.proxy.launch.EmbeddedServerOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Starts the two hosts the fidelity test compares: real Wassette through {@code
 * test-peers/wassette/hermetic-run.sh} (a child process, installed by the build) and the embedded
 * host in-process, each with a component folder of its own.
 */
final class Hosts {
  /** Long enough for Wassette to compile a component whose precompiled form is not cached. */
  static final Duration TIMEOUT = Duration.ofMinutes(3);

  private static final Duration STOP_WAIT = Duration.ofSeconds(10);

  private Hosts() {}

  /** The repository root (the parent of this module's folder). */
  static Path root() {
    return Path.of(System.getProperty("basedir", "")).toAbsolutePath().getParent();
  }

  /** {@code wassette run} with the components of {@code componentDir}. */
  static LineSession wassette(Path componentDir) throws IOException {
    Path script = root().resolve("test-peers/wassette/hermetic-run.sh");
    assertThat(root().resolve("test-peers/wassette/bin/wassette"))
        .as("Wassette is installed by the build (test-peers/wassette/install.sh)")
        .isExecutable();
    Process process =
        new ProcessBuilder(script.toString(), componentDir.toString())
            .directory(root().toFile())
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    Runnable stop =
        () -> {
          process.destroy();
          try {
            if (!process.waitFor(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
              process.destroyForcibly();
            }
          } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
          }
        };
    return new LineSession(
        "wassette", process.getInputStream(), process.getOutputStream(), stop, TIMEOUT);
  }

  /** The embedded host with the components of {@code componentDir}. */
  static LineSession embedded(Path componentDir) throws IOException {
    assertThat(Files.isDirectory(componentDir)).as("component folder " + componentDir).isTrue();
    EmbeddedServer server =
        new WassetteServerProvider()
            .start(
                new EmbeddedServerOptions(
                    Map.of("componentDir", componentDir.toString(), "deterministic", "true"),
                    Map.of()));
    return new LineSession(
        "embedded host", server.fromServer(), server.toServer(), server::close, TIMEOUT);
  }
}
