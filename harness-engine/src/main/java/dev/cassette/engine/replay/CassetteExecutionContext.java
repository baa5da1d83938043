package dev.cassette.engine.replay;

import dev.cassette.annotations.RecordMode;
import dev.cassette.engine.Constants;
import dev.cassette.engine.config.CassetteConfiguration;
import dev.cassette.engine.config.ServerReuse;
import dev.cassette.engine.match.MatchBlocks;
import dev.cassette.engine.match.MatchSettings;
import dev.cassette.engine.tape.TapeLocation;
import dev.cassette.proxy.launch.EmbeddedServerProvider;
import dev.cassette.proxy.tape.Tape;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import org.apiguardian.api.API;
import org.junit.platform.engine.EngineExecutionListener;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.engine.support.hierarchical.EngineExecutionContext;
import org.opentest4j.AssertionFailedError;

/**
 * What the engine's nodes share while executing: the settings of the run, the suite being run (its
 * settings and shared servers) and the tape being replayed. Immutable; each level makes a new one.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class CassetteExecutionContext implements EngineExecutionContext {

  private final Run run;
  private final Scope scope;
  private final TapeReplay replay;
  private final TestDescriptor tapeDescriptor;

  /**
   * Creates the root context of a run.
   *
   * @param configuration the configuration
   * @param listener where report entries go
   * @param launcher starts servers
   */
  public CassetteExecutionContext(
      CassetteConfiguration configuration,
      EngineExecutionListener listener,
      ServerLauncher launcher) {
    this(
        new Run(
            configuration,
            listener,
            launcher,
            MatchSettings.DEFAULTS.merge(configuration.matchLayer()),
            configuration.timeout(),
            configuration.recordMode(),
            configuration.serverReuse(),
            embeddedProviders()),
        new Scope(SuiteSettings.NONE),
        null,
        null);
  }

  private CassetteExecutionContext(
      Run run, Scope scope, TapeReplay replay, TestDescriptor tapeDescriptor) {
    this.run = run;
    this.scope = scope;
    this.replay = replay;
    this.tapeDescriptor = tapeDescriptor;
  }

  /** A context for the tapes of a suite (or of the whole run, with {@link SuiteSettings#NONE}). */
  public CassetteExecutionContext enterSuite(SuiteSettings settings) {
    return new CassetteExecutionContext(run, new Scope(settings), null, null);
  }

  /** Stops the servers the suite's tapes shared. */
  public void leaveSuite() {
    scope.closeShared();
  }

  /**
   * A context replaying {@code tape}, with its {@code match} blocks as read at discovery.
   *
   * @throws AssertionFailedError before any exchange, when a component the tape recorded is missing
   *     or its bytes differ from the recorded sha256 (and are not accepted)
   * @throws IOException when a component cannot be read
   */
  public CassetteExecutionContext startTape(
      TestDescriptor descriptor, TapeLocation location, Tape tape, MatchBlocks match)
      throws IOException {
    boolean shared = run.reuse == ServerReuse.SUITE;
    Connections connections;
    RecordedComponents components;
    try {
      ChosenServer server =
          ServerSelection.choose(run.configuration, scope.settings, tape, run.embeddedProviders);
      components = new RecordedComponents(tape.components(), RecordedComponents.baseOf(server));
      checkComponents(descriptor, location, components);
      ServerLauncher launcher =
          new StagingLauncher(run.launcher, components, run.recordMode == RecordMode.ALL);
      connections = shared ? scope.shared(server, launcher) : new Connections(launcher, server);
    } catch (ServerSelection.NoServerException | ServerSelection.CommandNotAllowedException e) {
      connections = Connections.failed(e.getMessage());
      components = new RecordedComponents(tape.components(), Path.of("").toAbsolutePath());
      shared = false;
    }
    TapeReplay replay =
        new TapeReplay(
            tape,
            location,
            run.baseSettings.merge(scope.settings.match()).merge(match.tape()),
            match.exchanges(),
            connections,
            !shared,
            run.timeout,
            run.configuration.serverStartupTimeout(),
            run.recordMode,
            run.configuration.environment(),
            run.listener,
            components);
    return new CassetteExecutionContext(run, scope, replay, descriptor);
  }

  /**
   * Fails the tape before its first exchange when a recorded component is missing or was rebuilt;
   * reports accepted rebuilt components.
   */
  private void checkComponents(
      TestDescriptor descriptor, TapeLocation location, RecordedComponents components)
      throws IOException {
    boolean accepted =
        run.configuration
            .parameters()
            .getBoolean(Constants.COMPONENTS_ACCEPT_REBUILT_PROPERTY_NAME)
            .orElse(false);
    boolean rerecording = run.recordMode == RecordMode.ALL;
    List<String> differences = components.differences(!accepted && !rerecording);
    if (!differences.isEmpty()) {
      throw new AssertionFailedError(
          String.join("\n", differences)
              + "\n  tape "
              + location.displayPath()
              + ": no exchange was replayed");
    }
    List<String> rebuilt = components.rebuilt();
    if (!rebuilt.isEmpty()) {
      run.listener.reportingEntryPublished(
          descriptor,
          ReportEntry.from(
              "cassette.components",
              (rerecording
                      ? "re-recording with rebuilt components: "
                      : "rebuilt components accepted"
                          + " ("
                          + Constants.COMPONENTS_ACCEPT_REBUILT_PROPERTY_NAME
                          + "), compared by"
                          + " behaviour only: ")
                  + String.join(", ", rebuilt)));
    }
  }

  /** Finishes the tape: reports obsolete tools, re-records when asked, stops its server. */
  public void finishTape() throws Exception {
    if (replay == null) {
      return;
    }
    try {
      TapeFinisher.finish(replay, tapeDescriptor);
    } finally {
      replay.close();
    }
  }

  /** The tape being replayed. */
  public TapeReplay tapeReplay() {
    if (replay == null) {
      throw new IllegalStateException("no tape is being replayed");
    }
    return replay;
  }

  private static Set<String> embeddedProviders() {
    Set<String> names = new TreeSet<>();
    for (EmbeddedServerProvider provider : ServiceLoader.load(EmbeddedServerProvider.class)) {
      names.add(provider.name());
    }
    return names;
  }

  private record Run(
      CassetteConfiguration configuration,
      EngineExecutionListener listener,
      ServerLauncher launcher,
      MatchSettings baseSettings,
      Duration timeout,
      RecordMode recordMode,
      ServerReuse reuse,
      Set<String> embeddedProviders) {}

  private static final class Scope {
    final SuiteSettings settings;
    private final Map<ChosenServer, Connections> shared = new LinkedHashMap<>();

    Scope(SuiteSettings settings) {
      this.settings = settings;
    }

    synchronized Connections shared(ChosenServer server, ServerLauncher launcher) {
      return shared.computeIfAbsent(server, s -> new Connections(launcher, s));
    }

    synchronized void closeShared() {
      shared.values().forEach(Connections::close);
      shared.clear();
    }
  }
}
