package dev.cassette.cli;

import dev.cassette.proxy.record.RecordedTape;
import dev.cassette.proxy.record.TapeRecovery;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cassette tape}: tools that work on tape files. */
@Command(
    name = "tape",
    mixinStandardHelpOptions = true,
    description = "Tools for tape files.",
    subcommands = {TapeCommand.Recover.class})
final class TapeCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return CommandLine.ExitCode.USAGE;
  }

  /** {@code cassette tape recover}: turn the journal of an interrupted recording into a tape. */
  @Command(
      name = "recover",
      mixinStandardHelpOptions = true,
      description = {
        "Turns the journal an interrupted recording left beside its tape (<tape>.journal) into a"
            + " tape, with every exchange it holds. The journal is kept.",
        "Exit status: 0 tape written; 1 the journal could not be read or the tape not written."
      })
  static final class Recover implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "JOURNAL", description = "The journal file.")
    Path journal;

    @Option(
        names = {"-o", "--output"},
        paramLabel = "TAPE",
        description = "Where to write the tape (default: the journal's path without .journal).")
    Path output;

    @Override
    public Integer call() {
      PrintWriter err = spec.commandLine().getErr();
      Path tape = output == null ? TapeRecovery.defaultTapeOf(journal) : output;
      try {
        RecordedTape recovered = TapeRecovery.recover(journal, tape);
        recovered.notes().forEach(note -> err.println("cassette tape recover: " + note));
        err.println(
            "cassette tape recover: wrote "
                + recovered.tape()
                + " ("
                + recovered.exchanges()
                + " exchanges) from "
                + journal);
        err.flush();
        return 0;
      } catch (NoSuchFileException e) {
        err.println("cassette tape recover: no such journal: " + journal);
        err.flush();
        return 1;
      } catch (IOException e) {
        err.println("cassette tape recover: " + e.getMessage());
        err.flush();
        return 1;
      }
    }
  }
}
