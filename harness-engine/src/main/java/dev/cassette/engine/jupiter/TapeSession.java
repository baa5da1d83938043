package dev.cassette.engine.jupiter;

import dev.cassette.annotations.RecordMode;
import dev.cassette.engine.config.CassetteConfiguration;
import dev.cassette.engine.match.ClientMessageMatcher;
import dev.cassette.engine.match.MatchBlocks;
import dev.cassette.engine.record.EarlierTape;
import dev.cassette.engine.record.RecordingMerge;
import dev.cassette.engine.replay.TapeCommands;
import dev.cassette.proxy.record.Recorder;
import dev.cassette.proxy.redact.Redactor;
import dev.cassette.proxy.serve.TapeServer;
import dev.cassette.proxy.serve.TapeServerConnection;
import dev.cassette.proxy.session.TappedConnection;
import dev.cassette.proxy.tape.Exchange;
import dev.cassette.proxy.tape.Recording;
import dev.cassette.proxy.tape.ServerSpec;
import dev.cassette.proxy.tape.Tape;
import dev.cassette.proxy.tape.TapeCodec;
import dev.cassette.proxy.tape.TapeFormatException;
import dev.cassette.proxy.transport.ServerConnection;
import dev.cassette.proxy.transport.ServerConnections;
import dev.cassette.proxy.transport.TransportOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.opentest4j.AssertionFailedError;
import tools.jackson.databind.JsonNode;

/**
 * One {@code @Tape} test's session: opens the connection its clients use (live and tapped, or the
 * tape itself), and when the test ends writes the tape or checks the traffic against it.
 */
final class TapeSession implements AutoCloseable {

  private final TapePlan plan;
  private final EarlierTape earlier;
  private final Tape existing;
  private final ServerSpec spec;
  private final Redactor redactor;
  private final ExchangeLog log = new ExchangeLog();
  private final ServerConnection connection;
  private final TapeServerConnection offline;
  private final Deque<AutoCloseable> clients = new ArrayDeque<>();
  private final List<String> notes = new ArrayList<>();
  private boolean clientCreated;
  private boolean closed;

  private TapeSession(
      TapePlan plan,
      EarlierTape earlier,
      Tape existing,
      ServerSpec spec,
      Redactor redactor,
      ServerConnection live,
      TapeServerConnection offline) {
    this.plan = plan;
    this.earlier = earlier;
    this.existing = existing;
    this.spec = spec;
    this.redactor = redactor;
    this.offline = offline;
    this.connection = TappedConnection.tap(offline != null ? offline : live, log);
  }

  static TapeSession open(TapePlan plan, CassetteConfiguration configuration) throws IOException {
    if (plan.action() == TapePlan.Action.OFFLINE) {
      Tape existing = read(plan);
      Map<String, String> secrets =
          plan.server() == null
              ? Map.of()
              : ServerSettings.of(plan.server(), configuration, "@Server").environment();
      TapeServer server =
          new TapeServer(
              ExchangeSecrets.restored(existing, secrets), new ClientMessageMatcher(plan.match()));
      return new TapeSession(
          plan, null, existing, existing.server(), Redactor.defaults(), null, server.connect());
    }
    List<String> notes = new ArrayList<>();
    EarlierTape earlier =
        plan.action() == TapePlan.Action.RECORD
            ? EarlierTape.read(plan.path().file(), notes::add)
            : load(plan);
    Tape existing = earlier == null ? null : earlier.tape();
    ServerSettings settings;
    if (plan.server() != null) {
      settings = ServerSettings.of(plan.server(), configuration, "@Server");
    } else if (existing != null && existing.server() != null) {
      Optional<String> refusal =
          TapeCommands.refusal(configuration, existing.server(), "@Server on the test");
      if (refusal.isPresent()) {
        throw new IllegalStateException(refusal.get());
      }
      settings = new ServerSettings(existing.server(), Map.of());
    } else {
      throw new IllegalStateException(
          "the @Tape test needs a live server to record "
              + plan.path().relative()
              + ": add @Server(command = ...) or @Server(embedded = ...)");
    }
    ServerConnection live =
        ServerConnections.open(
            settings.spec(), settings.environment(), TransportOptions.defaults());
    Redactor redactor =
        Redactor.defaults()
            .withEnvironment(settings.environment())
            .withInheritedEnvironment(System.getenv())
            .withCommandLine(settings.spec().command());
    TapeSession session =
        new TapeSession(
            plan,
            earlier,
            existing,
            Recorder.redactedServer(settings.spec(), redactor),
            redactor,
            live,
            null);
    session.notes.addAll(notes);
    return session;
  }

  private static Tape read(TapePlan plan) {
    Tape tape;
    try {
      tape = TapeCodec.read(plan.path().file());
    } catch (TapeFormatException e) {
      throw new IllegalStateException("cannot read the tape: " + e.getMessage(), e);
    }
    try {
      MatchBlocks.read(tape);
    } catch (MatchBlocks.InvalidMatchBlockException e) {
      throw new IllegalStateException(
          "cannot read the tape: " + e.describe(plan.path().relative()), e);
    }
    return tape;
  }

  /** The tape to verify against, kept with its bytes in case it is re-recorded. */
  private static EarlierTape load(TapePlan plan) throws IOException {
    try {
      return EarlierTape.load(plan.path().file());
    } catch (TapeFormatException e) {
      throw new IllegalStateException("cannot read the tape: " + e.getMessage(), e);
    }
  }

  /** The connection for the test's one client. */
  ServerConnection connectionForClient() {
    if (clientCreated) {
      throw new IllegalStateException(
          "a @Tape test takes one MCP client parameter; this one asks for a second");
    }
    clientCreated = true;
    return connection;
  }

  /** Closed before the connection when the test ends. */
  void register(AutoCloseable client) {
    clients.push(client);
  }

  /**
   * Ends the session after the test ran: writes or checks the tape.
   *
   * @param testFailure what the test threw, or {@code null}
   * @throws Throwable the test's failure, or the verification failure
   */
  void finish(ExtensionContext context, Throwable testFailure) throws Throwable {
    close();
    notes.forEach(note -> context.publishReportEntry("cassette.note", note));
    if (testFailure != null) {
      if (plan.action() == TapePlan.Action.RECORD) {
        context.publishReportEntry(
            "cassette.tape", "not recorded (the test failed): " + plan.path().relative());
      }
      throw testFailure;
    }
    List<Exchange> exchanges = ExchangeSecrets.redacted(log.exchanges(), redactor);
    switch (plan.action()) {
      case RECORD -> write(context, exchanges, "recorded");
      case VERIFY -> verify(context, exchanges);
      case OFFLINE -> checkOffline();
    }
  }

  private void verify(ExtensionContext context, List<Exchange> exchanges) throws IOException {
    String tapeName = plan.path().relative();
    List<String> problems =
        new TapeVerifier(new JsonComparator()).verify(existing, tapeName, exchanges, plan.match());
    if (problems.isEmpty()) {
      return;
    }
    if (plan.mode() == RecordMode.FAILING) {
      write(context, exchanges, "re-recorded (it no longer matched the live server)");
      return;
    }
    throw new AssertionFailedError(
        "Tape "
            + tapeName
            + " does not match the live server:\n"
            + String.join("\n", problems)
            + "\nRe-record it with -Dcassette.record=all (or failing) if the change is intended.");
  }

  /** Fails on messages the tape could not answer and on recorded exchanges the test never sent. */
  private void checkOffline() {
    List<String> unused = offline.unused();
    if (offline.misses().isEmpty() && unused.isEmpty()) {
      return;
    }
    StringBuilder message =
        new StringBuilder("Tape ").append(plan.path().relative()).append(" (offline):");
    if (!offline.misses().isEmpty()) {
      message.append("\ncould not answer:");
      offline.misses().forEach(miss -> message.append("\n").append(miss.describe()));
    }
    unused.forEach(line -> message.append("\nthe test never sent ").append(line));
    throw new AssertionFailedError(message.toString());
  }

  private void write(ExtensionContext context, List<Exchange> exchanges, String what)
      throws IOException {
    JsonNode handshake = handshake(exchanges);
    ServerSpec server =
        handshake == null
            ? spec
            : spec.withHandshake(
                handshake.path("protocolVersion").asString(null), handshake.get("serverInfo"));
    Tape tape =
        new Tape(
            Tape.FORMAT_VERSION,
            plan.name(),
            existing == null ? List.copyOf(context.getTags()) : existing.tags(),
            new Recording(
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), "cassette 0.1", null),
            server,
            List.of(),
            existing == null ? null : existing.match(),
            exchanges,
            null);
    String relative = plan.path().relative();
    if (earlier == null) {
      boolean created = !Files.exists(plan.path().file());
      TapeCodec.write(tape, plan.path().file());
      context.publishReportEntry(
          "cassette.tape", (created ? "recorded new tape" : what) + ": " + relative);
      if (created) {
        announceNewTape(exchanges.size());
      }
      return;
    }
    RecordingMerge.Result merged = earlier.write(tape, plan.path().file());
    context.publishReportEntry(
        "cassette.tape",
        merged.unchanged()
            ? "kept as it was (the test gave the same exchanges): " + relative
            : what
                + ": "
                + relative
                + " (kept "
                + merged.kept()
                + " exchanges of the earlier tape as they were and updated "
                + merged.updated()
                + ", their matchers and placeholders kept)");
  }

  /** One console line (stderr) when a tape that did not exist was recorded. */
  private void announceNewTape(int exchangeCount) {
    System.err.println(
        "cassette: recorded new tape "
            + plan.path().file()
            + " ("
            + exchangeCount
            + (exchangeCount == 1 ? " exchange)" : " exchanges)"));
  }

  private static JsonNode handshake(List<Exchange> exchanges) {
    for (Exchange exchange : exchanges) {
      if ("initialize".equals(exchange.method()) && exchange.response() != null) {
        return exchange.response().get("result");
      }
    }
    return null;
  }

  /** Closes the clients, then the connection (which stops a live server). Idempotent. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    while (!clients.isEmpty()) {
      try {
        clients.pop().close();
      } catch (Exception e) {
        // a client that fails to close must not keep the server running
      }
    }
    connection.close();
  }
}
