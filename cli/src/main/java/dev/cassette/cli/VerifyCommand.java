package dev.cassette.cli;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectDirectory;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectFile;

import dev.cassette.engine.Constants;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.Filter;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TagFilter;
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
      "Exit status: 0 when every exchange matches, 1 when any fails, 2 on bad usage."
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
      description = "Record mode: none, new, all or failing. Default: new, or none when CI is set.")
  String record;

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
      description = "Per-exchange timeout, e.g. 10s.")
  String timeout;

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
      if (Files.isDirectory(path)) {
        selectors.add(selectDirectory(path.toFile()));
      } else if (Files.isRegularFile(path)) {
        selectors.add(selectFile(path.toFile()));
      } else {
        err.println("cassette verify: no such tape or folder: " + path);
        return 2;
      }
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
            .filters(filters().toArray(new Filter<?>[0]));
    if (server != null) {
      request.configurationParameter(Constants.SERVER_COMMAND_PROPERTY_NAME, server);
    }
    if (!allowCommands.isEmpty()) {
      request.configurationParameter(
          Constants.SERVER_ALLOWED_COMMANDS_PROPERTY_NAME, String.join(",", allowCommands));
    }
    if (record != null) {
      request.configurationParameter(Constants.RECORD_PROPERTY_NAME, record);
    }
    if (timeout != null) {
      request.configurationParameter(Constants.TIMEOUT_PROPERTY_NAME, timeout);
    }
    LauncherDiscoveryRequest discovery = request.build();
    Files.createDirectories(reportsDir);
    VerifySummary summary = new VerifySummary();
    Launcher launcher = LauncherFactory.create();
    launcher.execute(discovery, summary, new LegacyXmlReportGeneratingListener(reportsDir, err));
    summary.print(out);
    out.println("JUnit XML: " + reportsDir);
    out.flush();
    return summary.failed() > 0 || summary.exchanges() == 0 ? 1 : 0;
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
