package dev.cassette.host.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cassette.host.policy.PolicyStore;
import dev.cassette.host.wasm.GuestException;
import dev.cassette.host.wasm.SandboxSettings;
import dev.cassette.host.wasm.WasmRuntime;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Publication steps that throw (as the MCP SDK's schema check does with a stack overflow): the
 * component is withdrawn, the failure is reported and logged, and the other components stay.
 */
class ComponentRegistryTest {
  @TempDir Path dir;

  private final List<String> diagnostics = new CopyOnWriteArrayList<>();
  private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
  private PrintStream originalErr;
  private WasmRuntime runtime;
  private ComponentRegistry registry;

  @BeforeEach
  void start() {
    originalErr = System.err;
    System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
    runtime = new WasmRuntime(SandboxSettings.defaults());
    registry =
        new ComponentRegistry(
            runtime, PolicyStore.inMemory(), BuiltinTools.names(), diagnostics::add);
  }

  @AfterEach
  void stop() {
    System.setErr(originalErr);
    runtime.close();
  }

  @Test
  void aLoadWhosePublicationOverflowsTheStackIsUndoneReportedAndLogged() throws Exception {
    Sink good = new Sink(name -> false);
    Sink failing = new Sink(name -> name.equals("local_probe_text_upper"));
    registry.attach(good, failing);

    assertThatThrownBy(() -> registry.load(guest("probe.wasm").toString()))
        .isInstanceOf(GuestException.class)
        .hasMessage(
            "publishing the tools of component 'probe' failed in the host:"
                + " java.lang.StackOverflowError: schema check");
    assertThat(registry.loaded()).isEmpty();
    assertThat(failing.published).isEmpty();
    assertThat(diagnostics)
        .containsExactly(
            "publishing the tools of component 'probe' failed in the host:"
                + " java.lang.StackOverflowError: schema check");
    assertThat(stderr.toString(StandardCharsets.UTF_8))
        .contains("ERROR dev.cassette.host - publishing the tools of component 'probe' failed")
        .contains("java.lang.StackOverflowError: schema check")
        .contains("\tat ");
  }

  @Test
  void aComponentWhoseToolsCannotBePublishedAtStartIsSkippedAndTheOthersArePublished()
      throws Exception {
    registry.load(guest("fsops.wasm").toString());
    registry.load(guest("probe.wasm").toString());
    Sink initial = new Sink(name -> name.equals("divide"));
    registry.attach(initial, new Sink(name -> false));

    assertThat(registry.loaded()).extracting(LoadedComponent::id).containsExactly("fsops");
    assertThat(initial.published).isNotEmpty().doesNotContain("divide", "local_probe_text_upper");
    assertThat(registry.skipped()).hasSize(1);
    assertThat(registry.skipped().get(0).id()).isEqualTo("probe");
    assertThat(registry.skipped().get(0).reason())
        .isEqualTo(
            "publishing the tools of component 'probe' failed in the host:"
                + " java.lang.StackOverflowError: schema check");
  }

  private Path guest(String name) throws Exception {
    Path target = dir.resolve(name);
    try (InputStream in =
        ComponentRegistryTest.class.getResourceAsStream("/dev/cassette/host/guests/" + name)) {
      Files.copy(in, target);
    }
    return target;
  }

  /** Publishes into a list; adding a tool {@code overflows} accepts throws a stack overflow. */
  private static final class Sink implements ToolSink {
    final List<String> published = new ArrayList<>();
    private final Predicate<String> overflows;

    Sink(Predicate<String> overflows) {
      this.overflows = overflows;
    }

    @Override
    public void add(SyncToolSpecification tool) {
      if (overflows.test(tool.tool().name())) {
        throw new StackOverflowError("schema check");
      }
      published.add(tool.tool().name());
    }

    @Override
    public void remove(String name) {
      published.remove(name);
    }

    @Override
    public void batch(Runnable change) {
      change.run();
    }
  }
}
