package dev.cassette.proxy.record;

import dev.cassette.proxy.jsonrpc.JsonRpcMessage;
import dev.cassette.proxy.jsonrpc.MalformedMessageException;
import dev.cassette.proxy.redact.Redactor;
import dev.cassette.proxy.session.SessionListener;
import dev.cassette.proxy.tape.Component;
import dev.cassette.proxy.tape.Recording;
import dev.cassette.proxy.tape.ServerSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.apiguardian.api.API;

/**
 * Records a relayed session: redacts each line, appends it to the journal beside the tape and, on
 * {@link #finish}, writes the tape by atomic rename and deletes the journal.
 *
 * <p>Each line is journaled on the relay thread that forwarded it, right after forwarding, while
 * the peers are busy with it: no hand-off, no extra thread, one {@code write(2)} per line. A line
 * that is one JSON-RPC message with nothing to redact (nearly all; see {@link VerbatimLines}) is
 * journaled as the bytes that were relayed, without building a tree; any other is parsed, redacted
 * and classified first. The two directions journal under one lock, each in wire order; {@link
 * ReadOrder} merges them by read time when the journal is read. A killed recorder leaves an earlier
 * tape untouched and the journal, which {@link TapeRecovery} turns into a tape: it holds every line
 * forwarded before the kill except one being journaled at that instant.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class Recorder implements SessionListener, AutoCloseable {

  private static final int MAX_PROBLEMS = 100;
  private static final String BY = by();

  private final Path tape;
  private final JournalWriter journal;
  private final Redactor redaction;
  private final VerbatimLines verbatim;
  private final ComponentProbe components;
  private final Consumer<String> status;
  private final ReentrantLock lock = new ReentrantLock();
  private final AtomicLong relayed = new AtomicLong();
  private final long startNanos;
  private final List<String> problems = new ArrayList<>();
  private final long[] lineNumbers = new long[2];
  private boolean ended;
  private boolean stopped;
  private IOException failure;

  Recorder(
      Path tape,
      JournalHeader header,
      Redactor redaction,
      Path workingDirectory,
      Consumer<String> status)
      throws IOException {
    this.tape = tape;
    this.redaction = redaction;
    this.verbatim = new VerbatimLines(redaction);
    this.components = new ComponentProbe(workingDirectory);
    this.status = status;
    this.journal = JournalWriter.create(journalOf(tape), header, status);
    this.startNanos = System.nanoTime();
    if (header.server().componentDir() != null) {
      for (Component component : components.preloaded(header.server().componentDir())) {
        journal.component(redacted(component), null);
      }
    }
  }

  /**
   * The server block as a tape may hold it: the values of sensitive command-line options and any
   * secret {@code redaction} knows replaced by named placeholders, the component folder named
   * (given, or found as {@code --component-dir DIR} in the command), handshake fields dropped.
   *
   * @param redaction a redactor that already knows the command line ({@link
   *     Redactor#withCommandLine})
   */
  public static ServerSpec redactedServer(ServerSpec server, Redactor redaction) {
    Objects.requireNonNull(server, "server");
    Objects.requireNonNull(redaction, "redaction");
    String componentDir =
        server.componentDir() != null
            ? server.componentDir()
            : ComponentProbe.componentDirIn(server.command()).orElse(null);
    return new ServerSpec(
        server.transport(),
        redaction.redactCommand(server.command()),
        server.url() == null ? null : redaction.redact(server.url()),
        server.embedded(),
        server.env(),
        server.workingDirectory(),
        componentDir == null ? null : redaction.redact(componentDir),
        null,
        null,
        null);
  }

  /**
   * Starts recording: creates the journal beside the tape.
   *
   * @param options what to record into and about
   * @param redactor what counts as a secret; applied to every message, non-JSON line and the
   *     server's command line before anything is written, with the values of the command line's
   *     sensitive options ({@link Redactor#withCommandLine}) added
   * @throws IOException if the journal cannot be created (for example, an earlier recording's
   *     journal is still there)
   */
  public static Recorder start(RecorderOptions options, Redactor redactor) throws IOException {
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(redactor, "redactor");
    ServerSpec server = options.server();
    Redactor redaction = redactor.withCommandLine(server.command());
    ServerSpec redacted = redactedServer(server, redaction);
    JournalHeader header =
        new JournalHeader(
            options.name(),
            options.tags(),
            new Recording(Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), BY, null),
            redacted);
    return new Recorder(
        options.tape(), header, redaction, options.workingDirectory(), options.status());
  }

  /** The journal beside a tape: {@code <tape>.journal}. */
  public static Path journalOf(Path tape) {
    return tape.resolveSibling(tape.getFileName() + ".journal");
  }

  /** The journal this recorder appends to. */
  public Path journal() {
    return journal.file();
  }

  @Override
  public void onLine(Direction direction, byte[] line, long nanoTime) {
    relayed.incrementAndGet();
    // The pump just wrote the line to a pipe, which woke the peer, most likely onto this core in
    // the expectation that this thread blocks next; let the peer run first, journal afterwards.
    Thread.yield();
    boolean asRelayed = verbatim.accepts(direction, line);
    lock.lock();
    try {
      if (ended || failure != null) {
        return;
      }
      long nanos = nanoTime - startNanos;
      long number = ++lineNumbers[direction.ordinal()];
      if (asRelayed) {
        journal.verbatim(direction, nanos, line);
      } else {
        record(direction, line, nanos, number);
      }
    } catch (IOException e) {
      failure = e;
      problem("cannot append to the journal " + journal.file() + ": " + e.getMessage());
    } finally {
      lock.unlock();
    }
  }

  /** Journals the end of the session; lines relayed after it are not recorded. */
  @Override
  public void onClose(String reason) {
    lock.lock();
    try {
      end(reason == null ? "closed" : reason);
    } finally {
      lock.unlock();
    }
  }

  /** Journals the first end reason given; the caller holds the lock. */
  private void end(String reason) {
    if (ended) {
      return;
    }
    ended = true;
    if (failure != null) {
      return;
    }
    try {
      journal.end(reason);
    } catch (IOException e) {
      failure = e;
    }
  }

  /**
   * Ends a session and writes the tape (replacing an earlier one atomically), then deletes the
   * journal.
   *
   * @param reason why the session ended, kept in the journal until the tape is written
   * @param timeout how long to wait for a relay thread that is journaling a line
   * @param onlyIfClean when set, the tape is written only if every client request was answered and
   *     every line was a JSON-RPC message; otherwise {@link UncleanSessionException} says what was
   *     wrong
   * @throws IOException if the journal could not be written or the tape not built; the journal is
   *     then kept and an earlier tape is untouched
   */
  public RecordedTape finish(String reason, Duration timeout, boolean onlyIfClean)
      throws IOException {
    stop(reason, timeout);
    TapeAssembly.Result result =
        TapeFiles.write(
            journal.file(),
            tape,
            assembled -> {
              if (onlyIfClean && (assembled.incomplete() > 0 || assembled.lineProblems() > 0)) {
                throw new UncleanSessionException(journal.file(), assembled.notes());
              }
            });
    Files.delete(journal.file());
    return new RecordedTape(tape, Math.toIntExact(result.exchanges()), result.notes());
  }

  /**
   * Ends a session and writes the tape whatever happened in it; see {@link #finish(String,
   * Duration, boolean)}.
   */
  public RecordedTape finish(Duration timeout) throws IOException {
    return finish("session finished", timeout, false);
  }

  /** How many lines were handed to the recorder so far. */
  public long lines() {
    return relayed.get();
  }

  /**
   * Ends a failed session: records why in the journal and keeps it; an earlier tape is untouched.
   *
   * @return the journal, for {@code cassette tape recover}
   */
  public Path abandon(String reason, Duration timeout) throws IOException {
    stop(reason, timeout);
    return journal.file();
  }

  private void stop(String reason, Duration timeout) throws IOException {
    try {
      if (!lock.tryLock(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
        throw new IOException(
            "a relay thread kept the journal " + journal.file() + " busy for " + timeout);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while ending the recording into " + journal.file(), e);
    }
    try {
      if (stopped) {
        throw new IllegalStateException("the recording has already ended");
      }
      stopped = true;
      end(reason);
      journal.close();
      if (failure != null) {
        throw new IOException(
            "recording failed; the journal " + journal.file() + " is kept", failure);
      }
    } finally {
      lock.unlock();
    }
  }

  /** Ends a recording that recorded nothing worth keeping: deletes the journal. */
  public void discard() throws IOException {
    stop("discarded", Duration.ofSeconds(5));
    Files.deleteIfExists(journal.file());
  }

  /** Problems seen so far (non-JSON lines and the like), in words, without secrets. */
  public synchronized List<String> problems() {
    return List.copyOf(problems);
  }

  @Override
  public void close() throws IOException {
    lock.lock();
    boolean open;
    try {
      open = !stopped;
    } finally {
      lock.unlock();
    }
    if (open) {
      abandon("recorder closed", Duration.ofSeconds(5));
    }
  }

  /** The full path: parse, describe a loaded component, redact; the caller holds the lock. */
  private void record(Direction direction, byte[] line, long nanos, long number)
      throws IOException {
    JsonRpcMessage message;
    try {
      message = JsonRpcMessage.parse(line);
    } catch (MalformedMessageException e) {
      String text = redaction.redact(new String(line, StandardCharsets.UTF_8));
      journal.nonJson(direction, nanos, number, text, e.getMessage());
      problem(lineProblem(direction, number, text, e.getMessage()));
      return;
    }
    if (direction == Direction.CLIENT_TO_SERVER) {
      Optional<Component> component = components.inspect(message);
      if (component.isPresent() && message instanceof JsonRpcMessage.Request request) {
        journal.component(redacted(component.get()), request.id());
      }
    }
    journal.message(direction, nanos, redaction.redact(message.json()));
  }

  private Component redacted(Component found) {
    return new Component(
        found.id(), redaction.redact(found.source()), found.sha256(), found.policy(), null);
  }

  static String lineProblem(Direction direction, long number, String redactedText, String reason) {
    boolean json = !reason.startsWith("not JSON");
    String who =
        direction == Direction.SERVER_TO_CLIENT
            ? "server wrote a " + (json ? "non-JSON-RPC" : "non-JSON") + " line on stdout"
            : "client wrote a " + (json ? "non-JSON-RPC" : "non-JSON") + " line on stdin";
    return who
        + " (line "
        + number
        + (json ? ", " + reason : "")
        + "): "
        + Excerpt.of(redactedText);
  }

  private void problem(String problem) {
    synchronized (this) {
      if (problems.size() < MAX_PROBLEMS) {
        problems.add(problem);
      }
    }
    status.accept(problem);
  }

  private static String by() {
    String version = Recorder.class.getPackage().getImplementationVersion();
    return "cassette " + (version == null ? "development" : version);
  }
}
