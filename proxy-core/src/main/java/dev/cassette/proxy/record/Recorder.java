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
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.apiguardian.api.API;

/**
 * Records a relayed session: redacts each line, appends it to the journal beside the tape and, on
 * {@link #finish}, writes the tape by atomic rename and deletes the journal.
 *
 * <p>The relay threads only enqueue lines ({@link #onLine} returns at once unless the recorder is a
 * whole queue behind); one recording thread parses each line once, redacts it and appends it to the
 * journal with one write per line. A killed recorder leaves an earlier tape untouched and the
 * journal, which {@link TapeRecovery} turns into a tape.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class Recorder implements SessionListener, AutoCloseable {

  private static final int QUEUE_CAPACITY = 1 << 16;
  private static final int MAX_PROBLEMS = 100;
  private static final String BY = by();

  private final Path tape;
  private final JournalWriter journal;
  private final Redactor redaction;
  private final ComponentProbe components;
  private final Consumer<String> status;
  private final BlockingQueue<Entry> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
  private final Thread thread;
  private final long startNanos;
  private final List<String> problems = new ArrayList<>();
  private final long[] lineNumbers = new long[2];
  private final AtomicBoolean stopped = new AtomicBoolean();
  private volatile IOException failure;

  Recorder(
      Path tape,
      JournalHeader header,
      Redactor redaction,
      Path workingDirectory,
      Consumer<String> status)
      throws IOException {
    this.tape = tape;
    this.redaction = redaction;
    this.components = new ComponentProbe(workingDirectory);
    this.status = status;
    this.journal = JournalWriter.create(journalOf(tape), header);
    this.startNanos = System.nanoTime();
    this.thread = new Thread(this::drain, "cassette-recorder");
    thread.setDaemon(true);
    thread.start();
  }

  /**
   * Starts recording: creates the journal beside the tape and the recording thread.
   *
   * @param options what to record into and about
   * @param redactor what counts as a secret; applied to every message, non-JSON line and the
   *     server's command line before anything is written
   * @throws IOException if the journal cannot be created (for example, an earlier recording's
   *     journal is still there)
   */
  public static Recorder start(RecorderOptions options, Redactor redactor) throws IOException {
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(redactor, "redactor");
    Redactor redaction = redactor;
    ServerSpec server = options.server();
    List<String> command = new ArrayList<>(server.command().size());
    server.command().forEach(part -> command.add(redaction.redact(part)));
    ServerSpec redacted =
        new ServerSpec(
            server.transport(),
            command,
            server.url() == null ? null : redaction.redact(server.url()),
            server.embedded(),
            server.env(),
            server.workingDirectory(),
            null,
            null,
            null);
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
    enqueue(new Entry(direction, line, nanoTime, null));
  }

  @Override
  public void onClose(String reason) {
    enqueue(new Entry(null, null, System.nanoTime(), reason == null ? "closed" : reason));
  }

  private void enqueue(Entry entry) {
    try {
      queue.put(entry);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Ends a session and writes the tape (replacing an earlier one atomically), then deletes the
   * journal.
   *
   * @param reason why the session ended, kept in the journal until the tape is written
   * @param timeout how long to wait for the recording thread to catch up
   * @param onlyIfClean when set, the tape is written only if every request was answered and every
   *     line was a JSON-RPC message; otherwise {@link UncleanSessionException} says what was wrong
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
    return lineNumbers[0] + lineNumbers[1];
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
    if (!stopped.compareAndSet(false, true)) {
      throw new IllegalStateException("the recording has already ended");
    }
    onClose(reason);
    try {
      thread.join(timeout.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (thread.isAlive()) {
      throw new IOException(
          "recording did not catch up within "
              + timeout
              + "; the journal "
              + journal.file()
              + " is kept");
    }
    journal.close();
    if (failure != null) {
      throw new IOException(
          "recording failed; the journal " + journal.file() + " is kept", failure);
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
    if (!stopped.get()) {
      abandon("recorder closed", Duration.ofSeconds(5));
    }
  }

  private void drain() {
    try {
      while (true) {
        Entry entry = queue.poll(1, TimeUnit.MINUTES);
        if (entry == null) {
          continue;
        }
        if (entry.direction() == null) {
          journal.end(entry.endReason());
          return;
        }
        record(entry);
      }
    } catch (IOException e) {
      failure = e;
      problem("cannot append to the journal " + journal.file() + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void record(Entry entry) throws IOException {
    long nanos = entry.nanoTime() - startNanos;
    long number = ++lineNumbers[entry.direction().ordinal()];
    JsonRpcMessage message;
    try {
      message = JsonRpcMessage.parse(entry.line());
    } catch (MalformedMessageException e) {
      String text = redaction.redact(new String(entry.line(), StandardCharsets.UTF_8));
      journal.nonJson(entry.direction(), nanos, number, text, e.getMessage());
      problem(lineProblem(entry.direction(), number, text, e.getMessage()));
      return;
    }
    if (entry.direction() == Direction.CLIENT_TO_SERVER) {
      Optional<Component> component = components.inspect(message);
      if (component.isPresent()) {
        Component found = component.get();
        journal.component(
            new Component(
                found.id(),
                redaction.redact(found.source()),
                found.sha256(),
                found.policy(),
                null));
      }
    }
    journal.message(entry.direction(), nanos, redaction.redact(message.json()));
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

  private record Entry(Direction direction, byte[] line, long nanoTime, String endReason) {}
}
