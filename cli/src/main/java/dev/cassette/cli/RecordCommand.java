package dev.cassette.cli;

import dev.cassette.engine.config.CommandLine;
import dev.cassette.engine.record.EarlierTape;
import dev.cassette.proxy.jsonrpc.Json;
import dev.cassette.proxy.record.Recorder;
import dev.cassette.proxy.record.RecorderOptions;
import dev.cassette.proxy.redact.Redactor;
import dev.cassette.proxy.session.SessionListener;
import dev.cassette.proxy.session.SessionPump;
import dev.cassette.proxy.tape.ServerSpec;
import dev.cassette.proxy.transport.LaunchedServer;
import dev.cassette.proxy.transport.ServerConnections;
import dev.cassette.proxy.transport.StdioSelf;
import dev.cassette.proxy.transport.TransportOptions;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.node.ObjectNode;

/** {@code cassette record}: be an MCP client's stdio server, relay to a real one, record a tape. */
@Command(
    name = "record",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Records an MCP session into a tape. Configure an MCP client to launch this command as its"
          + " server: it serves on stdin/stdout, starts the server command, relays every line"
          + " untouched and writes the tape when the client ends the session.",
      "Exit status: 0 tape written; 1 the session failed or was not clean (the tape is not"
          + " replaced and the journal is kept); 2 bad arguments."
    })
final class RecordCommand implements Callable<Integer> {

  private static final Duration CATCH_UP = Duration.ofSeconds(30);
  private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(60);

  /**
   * How long the server may take to exit once the client closed its input, before SIGTERM (and a
   * quarter of it later SIGKILL): the recorder exits within about 1.5 s of the client's EOF even
   * when the server ignores EOF and SIGTERM, as clients expect of a stdio server.
   */
  static final Duration SERVER_EXIT_GRACE = Duration.ofSeconds(1);

  @Spec CommandSpec spec;

  @Option(
      names = {"-o", "--output"},
      required = true,
      paramLabel = "TAPE",
      description = "The tape to write, e.g. tapes/weather.tape.json.")
  Path output;

  @Option(names = "--name", description = "The tape's name (default: the file name).")
  String name;

  @Option(names = "--tag", paramLabel = "TAG", description = "A tag for the tape (repeatable).")
  List<String> tags = new ArrayList<>();

  @Option(
      names = "--env",
      paramLabel = "NAME[=VALUE]",
      description =
          "Give the server this environment variable (from this environment, or VALUE). Its value"
              + " is a secret: it is replaced by $${secret:NAME} in the tape (repeatable).")
  List<String> env = new ArrayList<>();

  @Option(
      names = "--max-line-bytes",
      paramLabel = "N",
      description = "Longest message accepted from either side, in bytes (default: 16 MiB).")
  int maxLineBytes = TransportOptions.defaults().maxLineBytes();

  @Option(
      names = "--no-record",
      hidden = true,
      description = "Relay only, record nothing (to measure the proxy's own cost).")
  boolean noRecord;

  @Option(
      names = "--embedded",
      paramLabel = "NAME",
      description =
          "Record an in-process server instead of a command, e.g. wassette (the embedded host).")
  String embedded;

  @Option(
      names = "--setting",
      paramLabel = "KEY=VALUE",
      description = "A setting of the embedded server, e.g. componentDir=components (repeatable).")
  Map<String, String> settings = new LinkedHashMap<>();

  @Option(
      names = "--component-dir",
      paramLabel = "DIR",
      description =
          "The folder whose components the server loads at start (for a Wassette-like server whose"
              + " command does not say --component-dir DIR itself, e.g. hermetic-run.sh DIR): its"
              + " *.wasm are recorded with their sha256 and policy, and replay starts the server"
              + " on a fresh copy of exactly those.")
  String componentDir;

  @Option(
      names = "--server",
      paramLabel = "COMMAND",
      description =
          "The server command as one value, split into words as a shell would, e.g. --server"
              + " \"node --no-warnings server.js\". The form for MCP client configurations,"
              + " which may consume a bare --.")
  String serverCommand;

  @Parameters(
      arity = "0..*",
      paramLabel = "COMMAND",
      description = "The server command and its arguments, after --.")
  List<String> command = new ArrayList<>();

  private volatile boolean terminated;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    Map<String, String> environment = environment();
    TransportOptions options = transportOptions();
    ServerSpec serverSpec = serverSpec(environment);
    Redactor redactor =
        Redactor.defaults()
            .withEnvironment(environment)
            .withInheritedEnvironment(System.getenv())
            .withCommandLine(serverSpec.command());
    EarlierTape earlier = noRecord ? null : EarlierTape.read(output, note -> status(err, note));
    Recorder recorder;
    try {
      recorder = noRecord ? null : Recorder.start(recorderOptions(serverSpec, err), redactor);
    } catch (IOException e) {
      return refuse(err, redactor.redact(e.getMessage()));
    }
    LaunchedServer server;
    try {
      server =
          ServerConnections.launch(
              serverSpec,
              environment,
              options,
              new RedactingOutputStream(new FileOutputStream(FileDescriptor.err), redactor));
    } catch (IOException | RuntimeException e) {
      discard(recorder);
      return refuse(err, redactor.redact(String.valueOf(e.getMessage())));
    }
    status(
        err,
        "recording " + server.description() + (noRecord ? " (not recording)" : " into " + output));
    PrintStream originalErr = System.err;
    System.setErr(
        new PrintStream(
            new RedactingOutputStream(originalErr, redactor), true, StandardCharsets.UTF_8));
    try {
      return relay(server, recorder, options, new RecordingEnd(err, redactor, output, earlier));
    } finally {
      System.err.flush();
      System.setErr(originalErr);
    }
  }

  private int relay(
      LaunchedServer server, Recorder recorder, TransportOptions options, RecordingEnd end) {
    StdioSelf.ClientSide client = StdioSelf.claim();
    ClientEndWatch fromClient = new ClientEndWatch(client.fromClient());
    SessionListener listener = recorder == null ? (direction, line, nanoTime) -> {} : recorder;
    SessionPump pump = SessionPump.start(fromClient, client.toClient(), server, listener, options);
    CountDownLatch concluded = new CountDownLatch(1);
    Thread hook =
        new Thread(
            () -> {
              terminated = true;
              pump.close();
              awaitQuietly(concluded);
            },
            "cassette-record-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      awaitEnd(pump);
      boolean endedByClient = fromClient.clientClosed() || terminated || shuttingDown(hook);
      return end.conclude(recorder, pump.closeReason(), endedByClient, CATCH_UP);
    } finally {
      concluded.countDown();
    }
  }

  private static void awaitEnd(SessionPump pump) {
    try {
      while (!pump.awaitTermination(Duration.ofMinutes(10))) {
        // A session lasts as long as the client keeps it open.
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      pump.close();
    }
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(SHUTDOWN_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Whether the JVM is shutting down (SIGTERM from the client, for example). */
  private static boolean shuttingDown(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
      return false;
    } catch (IllegalStateException e) {
      return true;
    }
  }

  /**
   * The server to record: a command ({@code --server} or after {@code --}), or an embedded server
   * with its settings.
   */
  private ServerSpec serverSpec(Map<String, String> environment) {
    List<String> command = serverCommand();
    if ((embedded == null) == command.isEmpty()) {
      throw new ParameterException(
          spec.commandLine(),
          "name the server as a command (--server \"CMD\" or after --) or with --embedded,"
              + " exactly one of them");
    }
    if (embedded == null && !settings.isEmpty()) {
      throw new ParameterException(spec.commandLine(), "--setting applies to --embedded only");
    }
    ObjectNode embeddedNode = null;
    if (embedded != null) {
      embeddedNode = Json.mapper().createObjectNode().put("name", embedded);
      settings.forEach(embeddedNode::put);
    }
    if (embedded != null && componentDir != null) {
      throw new ParameterException(
          spec.commandLine(),
          "--component-dir applies to a server command; give an embedded server its"
              + " --setting componentDir=DIR");
    }
    return new ServerSpec(
        embedded == null ? ServerSpec.STDIO : ServerSpec.EMBEDDED,
        command,
        null,
        embeddedNode,
        List.copyOf(environment.keySet()),
        null,
        componentDir,
        null,
        null,
        null);
  }

  private List<String> serverCommand() {
    if (serverCommand == null) {
      return command;
    }
    if (!command.isEmpty()) {
      throw new ParameterException(
          spec.commandLine(),
          "--server and a command after -- both name the server; give one of them");
    }
    try {
      List<String> words = CommandLine.split(serverCommand);
      if (words.isEmpty()) {
        throw new ParameterException(spec.commandLine(), "--server needs a command but was empty");
      }
      return words;
    } catch (IllegalArgumentException e) {
      throw new ParameterException(
          spec.commandLine(), "--server '" + serverCommand + "': " + e.getMessage());
    }
  }

  private RecorderOptions recorderOptions(ServerSpec server, PrintWriter err) {
    return new RecorderOptions(
        output,
        name == null ? RecorderOptions.nameOf(output) : name,
        tags,
        server,
        Path.of("").toAbsolutePath(),
        problem -> status(err, problem));
  }

  private TransportOptions transportOptions() {
    if (maxLineBytes < 1) {
      throw new ParameterException(
          spec.commandLine(), "--max-line-bytes must be positive but was " + maxLineBytes);
    }
    return TransportOptions.defaults()
        .withMaxLineBytes(maxLineBytes)
        .withShutdownGrace(SERVER_EXIT_GRACE);
  }

  private Map<String, String> environment() {
    Map<String, String> environment = new TreeMap<>();
    for (String entry : env) {
      int eq = entry.indexOf('=');
      String key = eq < 0 ? entry : entry.substring(0, eq);
      if (!key.matches("[A-Za-z_][A-Za-z0-9_]*")) {
        throw new ParameterException(
            spec.commandLine(), "--env needs NAME or NAME=VALUE, but the name was '" + key + "'");
      }
      String value = eq < 0 ? System.getenv(key) : entry.substring(eq + 1);
      if (value == null) {
        throw new ParameterException(
            spec.commandLine(), "--env " + key + ": no such variable in this environment");
      }
      environment.put(key, value);
    }
    return environment;
  }

  private static void discard(Recorder recorder) {
    if (recorder != null) {
      try {
        recorder.discard();
      } catch (IOException e) {
        // Nothing was recorded; a journal left behind is reported by the next recording.
      }
    }
  }

  /**
   * Fails a session that could not start: the reason goes to stderr and, as a JSON-RPC error, to
   * the client's first request, so that clients which hide stderr still show it.
   */
  static int refuse(PrintWriter err, String reason) {
    status(err, reason);
    refuseClient(reason);
    return 1;
  }

  /** Answers the client's first request with {@code reason} as a JSON-RPC error (bounded). */
  static void refuseClient(String reason) {
    StdioSelf.ClientSide client = StdioSelf.claim();
    StartRefusal.answer(client.fromClient(), client.toClient(), reason, StartRefusal.WAIT);
  }

  static int fail(PrintWriter err, String message) {
    status(err, message);
    return 1;
  }

  static void status(PrintWriter err, String message) {
    err.println("cassette record: " + message);
    err.flush();
  }
}
