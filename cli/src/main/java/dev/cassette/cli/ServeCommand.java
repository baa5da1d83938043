package dev.cassette.cli;

import dev.cassette.engine.match.ClientMessageMatcher;
import dev.cassette.engine.match.MatchBlocks;
import dev.cassette.engine.match.MatchSettings;
import dev.cassette.proxy.serve.Miss;
import dev.cassette.proxy.serve.TapeServer;
import dev.cassette.proxy.serve.TapeServerSession;
import dev.cassette.proxy.tape.Tape;
import dev.cassette.proxy.tape.TapeCodec;
import dev.cassette.proxy.tape.TapeFormatException;
import dev.cassette.proxy.transport.StdioSelf;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cassette serve <tape>}: the tape acts as an MCP server on stdio, with no live server. */
@Command(
    name = "serve",
    description = {
      "Serves a tape as an MCP server on stdin/stdout: each request is answered with the recorded"
          + " response of the matching request (by method and params, with the matchers of"
          + " cassette verify and @Tape), with the client's id. Requests are paired in recorded"
          + " order with the first unused matching exchange, else a used one (a repeat)."
          + " Recorded notifications and server requests are replayed in their windows. A request"
          + " the tape does not hold gets a JSON-RPC error (code -32001) naming the nearest"
          + " recorded request and how it differs.",
      "Exit status: 0 every message was answered from the tape and every recorded exchange was"
          + " used; 1 some message was not on the tape, some recorded exchange was never sent, or"
          + " the client's input failed; 2 the tape could not be read (bad JSON, bad match block)."
    })
public final class ServeCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "TAPE", description = "The tape file (*.tape.json).")
  Path tape;

  private final InputStream in;
  private final OutputStream out;

  /** Serves on this process's stdin and stdout. */
  public ServeCommand() {
    this(null, null);
  }

  /** Serves on the given streams (for tests); {@code null} means this process's own. */
  ServeCommand(InputStream in, OutputStream out) {
    this.in = in;
    this.out = out;
  }

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    Tape loaded;
    try {
      loaded = TapeCodec.read(tape);
      MatchBlocks.read(loaded);
    } catch (TapeFormatException e) {
      err.println("cassette serve: " + e.getMessage());
      return 2;
    } catch (MatchBlocks.InvalidMatchBlockException e) {
      err.println("cassette serve: " + e.describe(tape.toString()));
      return 2;
    }
    InputStream fromClient = in;
    OutputStream toClient = out;
    if (fromClient == null || toClient == null) {
      StdioSelf.ClientSide self = StdioSelf.claim();
      fromClient = self.fromClient();
      toClient = self.toClient();
    }
    err.println(
        "cassette serve: serving "
            + tape
            + " ("
            + loaded.exchanges().size()
            + " exchanges) on stdio");
    err.flush();
    TapeServer server = new TapeServer(loaded, new ClientMessageMatcher(MatchSettings.DEFAULTS));
    try {
      TapeServerSession session = server.serve(fromClient, toClient);
      return report(session, err);
    } catch (IOException e) {
      err.println("cassette serve: " + e.getMessage());
      return 1;
    }
  }

  /** Prints what the tape could not answer and what the client never sent; the exit status. */
  private int report(TapeServerSession session, PrintWriter err) {
    List<Miss> misses = session.misses();
    List<String> unused = session.unused();
    for (Miss miss : misses) {
      err.println("cassette serve: " + miss.describe());
    }
    for (String line : unused) {
      err.println("cassette serve: " + tape + ": the client never sent " + line);
    }
    err.flush();
    return misses.isEmpty() && unused.isEmpty() ? CommandLine.ExitCode.OK : 1;
  }
}
