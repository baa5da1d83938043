package dev.cassette.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code cassette} command: record, verify and serve MCP sessions as tapes. */
@Command(
    name = "cassette",
    mixinStandardHelpOptions = true,
    versionProvider = Cassette.Version.class,
    description = "Record/replay tests for MCP servers.",
    subcommands = {
      CommandLine.HelpCommand.class,
      HostCommand.class,
      RecordCommand.class,
      ServeCommand.class,
      TapeCommand.class,
      VerifyCommand.class
    })
public final class Cassette implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Entry point of the runnable jar. */
  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The command line with every subcommand registered, for tests and {@link #main}. */
  public static CommandLine commandLine() {
    CommandLine commandLine = new CommandLine(new Cassette());
    CommandLine.IParameterExceptionHandler usage = commandLine.getParameterExceptionHandler();
    commandLine.setParameterExceptionHandler(
        (problem, arguments) -> {
          int status = usage.handleParseException(problem, arguments);
          if (problem.getCommandLine().getCommandSpec().userObject() instanceof RecordCommand) {
            // An MCP client launched this recorder: tell it why, as it may hide stderr.
            RecordCommand.refuseClient(problem.getMessage());
          }
          return status;
        });
    return commandLine;
  }

  @Override
  public Integer call() {
    spec.commandLine().usage(System.err);
    return CommandLine.ExitCode.USAGE;
  }

  /** Prints the version from the jar manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = Cassette.class.getPackage().getImplementationVersion();
      return new String[] {"cassette " + (version == null ? "development" : version)};
    }
  }
}
