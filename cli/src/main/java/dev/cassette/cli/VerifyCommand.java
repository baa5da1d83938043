package dev.cassette.cli;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectDirectory;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectFile;

import dev.cassette.annotations.RecordMode;
import dev.cassette.engine.Constants;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.junit.platform.engine.DiscoveryIssue;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.Filter;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryListener;
import org.junit.platform.launcher.TagFilter;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.reporting.legacy.xml.LegacyXmlReportGeneratingListener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code cassette verify}: replays tapes against a live server through the JUnit Platform Launcher,
 * prints the differences and a summary, writes JUnit XML, and exits non-zero on any failure.
 */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description = {
      "Replays tapes against a live MCP server and reports every difference.",
      "Exit status: 0 when every exchange matches, 1 when any fails, 2 on bad usage",
      "(a bad option or -D value, an unknown cassette.* key, a path with no tapes)."
    })
public final class VerifyCommand implements Callable<Integer> {

  @Parameters(
      paramLabel = "PATH",
      arity = "0..*",
      description = "Tape files (*.tape.json) or folders searched for them. Default: tapes")
  List<Path> paths = new ArrayList<>();

  @Option(
      names = "--server",
      paramLabel = "COMMAND LINE",
      description = "The server's command line, as one argument split like a shell does.")
  String server;

  @Option(
      names = "--allow-command",
      paramLabel = "COMMAND",
      description = {
        "On CI, let a tape's own server command run when it starts with COMMAND (repeatable):",
        "its words, split like a shell, each matched exactly or as a glob, e.g. node or",
        "'node src/server.js'. Sets cassette.server.allowedCommands."
      })
  List<String> allowCommands = new ArrayList<>();

  @Option(
      names = "--record",
      paramLabel = "MODE",
      converter = VerifyOptions.RecordModeConverter.class,
      description = {
        "Record mode: none, new, all or failing. Default: new, or none when CI is set.",
        "all and failing print each tape they rewrite."
      })
  RecordMode record;

  @Option(
      names = "--include-tag",
      paramLabel = "TAG",
      description = "Run only tapes with this tag (repeatable).")
  List<String> includeTags = new ArrayList<>();

  @Option(
      names = "--exclude-tag",
      paramLabel = "TAG",
      description = "Skip tapes with this tag (repeatable).")
  List<String> excludeTags = new ArrayList<>();

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      converter = VerifyOptions.DurationConverter.class,
      description = {
        "Per-exchange timeout: 10s, 500ms, 2m, 1h or PT10S. It bounds a fresh server's first",
        "answer too, unless -D cassette.server.startupTimeout=... adds start-up time."
      })
  Duration timeout;

  @Option(
      names = "-D",
      paramLabel = "KEY=VALUE",
      description = {
        "A configuration parameter (repeatable), e.g. -D cassette.match.strict=true.",
        "An unknown cassette.* key or a bad value is a usage error."
      })
  Map<String, String> parameters = new LinkedHashMap<>();

  @Option(
      names = "--reports-dir",
      paramLabel = "DIR",
      defaultValue = "target/cassette-reports",
      description = "Where JUnit XML reports go. Default: ${DEFAULT-VALUE}")
  Path reportsDir;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    List<DiscoverySelector> selectors = new ArrayList<>();
    for (Path path : paths.isEmpty() ? List.of(Path.of("tapes")) : paths) {
      Optional<String> problem = VerifyOptions.tapeProblem(path);
      if (problem.isPresent()) {
        err.println("cassette verify: " + problem.get());
        err.flush();
        return 2;
      }
      selectors.add(
          Files.isDirectory(path) ? selectDirectory(path.toFile()) : selectFile(path.toFile()));
    }
    for (String command : allowCommands) {
      if (command.contains(",")) {
        err.println(
            "cassette verify: --allow-command cannot hold a comma (give one command each time): "
                + command);
        return 2;
      }
    }
    LauncherDiscoveryRequestBuilder request =
        LauncherDiscoveryRequestBuilder.request()
            .selectors(selectors)
            .filters(filters().toArray(new Filter<?>[0]))
            .configurationParameters(configurationParameters());
    ConfigurationIssues issues = new ConfigurationIssues();
    request.listeners(issues);
    Launcher launcher = LauncherFactory.create();
    TestPlan plan;
    try {
      plan = launcher.discover(request.build());
    } catch (RuntimeException e) { // the launcher aborts discovery on an ERROR issue
      if (issues.errors().isEmpty()) {
        throw e;
      }
      plan = null;
    }
    if (!issues.errors().isEmpty()) {
      issues.errors().forEach(error -> err.println("cassette verify: " + error));
      err.flush();
      return 2;
    }
    Files.createDirectories(reportsDir);
    VerifySummary summary = new VerifySummary();
    launcher.execute(plan, summary, new LegacyXmlReportGeneratingListener(reportsDir, err));
    summary.print(out);
    out.println("JUnit XML: " + reportsDir);
    out.flush();
    return summary.failed() > 0 || summary.exchanges() == 0 ? 1 : 0;
  }

  /** The engine's configuration from the options; {@code -D} values first, options win. */
  private Map<String, String> configurationParameters() {
    Map<String, String> configuration = new LinkedHashMap<>(parameters);
    if (server != null) {
      configuration.put(Constants.SERVER_COMMAND_PROPERTY_NAME, server);
    }
    if (!allowCommands.isEmpty()) {
      configuration.put(
          Constants.SERVER_ALLOWED_COMMANDS_PROPERTY_NAME, String.join(",", allowCommands));
    }
    if (record != null) {
      configuration.put(Constants.RECORD_PROPERTY_NAME, record.name().toLowerCase(Locale.ROOT));
    }
    if (timeout != null) {
      configuration.put(Constants.TIMEOUT_PROPERTY_NAME, timeout.toMillis() + "ms");
    }
    return configuration;
  }

  /** Keeps the ERROR discovery issues of the cassette engine: the run cannot start. */
  private static final class ConfigurationIssues implements LauncherDiscoveryListener {
    private final List<String> errors = new ArrayList<>();

    @Override
    public void issueEncountered(UniqueId engineId, DiscoveryIssue issue) {
      if (issue.severity().compareTo(DiscoveryIssue.Severity.ERROR) >= 0
          && engineId.getEngineId().filter(Constants.ENGINE_ID::equals).isPresent()) {
        errors.add(issue.message());
      }
    }

    List<String> errors() {
      return errors;
    }
  }

  private List<Filter<?>> filters() {
    List<Filter<?>> filters = new ArrayList<>();
    filters.add(EngineFilter.includeEngines(Constants.ENGINE_ID));
    if (!includeTags.isEmpty()) {
      filters.add(TagFilter.includeTags(includeTags));
    }
    if (!excludeTags.isEmpty()) {
      filters.add(TagFilter.excludeTags(excludeTags));
    }
    return filters;
  }
}
