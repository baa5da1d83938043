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
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
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
  private static final long MIN_IDLE_PARK_NANOS = 500_000;
  private static final long MAX_IDLE_PARK_NANOS = 8_000_000;
  private static final long BACKPRESSURE_PARK_NANOS = 100_000;
  private static final long REORDER_WINDOW_NANOS = 200_000_000;
  private static final int MAX_PROBLEMS = 100;
  private static final String BY = by();

  private final Path tape;
  private final JournalWriter journal;
  private final Redactor redaction;
  private final ComponentProbe components;
  private final Consumer<String> status;
  private final Queue<Entry> queue = new ConcurrentLinkedQueue<>();
  private final AtomicInteger queued = new AtomicInteger();
  private final AtomicLong sequence = new AtomicLong();
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
    enqueue(new Entry(direction, line, nanoTime, null, sequence.incrementAndGet()));
  }

  @Override
  public void onClose(String reason) {
    enqueue(
        new Entry(
            null, null, System.nanoTime(), reason == null ? "closed" : reason, sequence.get()));
  }

  /**
   * Hands an entry to the recording thread without a system call (no wake-up: the thread polls), so
   * the relay never waits on the recorder unless it is a whole queue behind.
   */
  private void enqueue(Entry entry) {
    while (queued.get() >= QUEUE_CAPACITY && thread.isAlive()) {
      LockSupport.parkNanos(BACKPRESSURE_PARK_NANOS);
    }
    queued.incrementAndGet();
    queue.offer(entry);
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
    return sequence.get();
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
    LockSupport.unpark(thread);
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

  /**
   * The recording thread. The pump tells each direction's lines after forwarding them, so a
   * response can be told before the request it answers; entries are therefore journaled in the
   * order they were read (their {@code nanoTime}), once they are {@value #REORDER_WINDOW_NANOS} ns
   * old, or all at once when the session ends.
   */
  private void drain() {
    PriorityQueue<Entry> window =
        new PriorityQueue<>(
            Comparator.comparingLong(Entry::nanoTime).thenComparingLong(Entry::seq));
    String endReason = null;
    long idleParkNanos = MIN_IDLE_PARK_NANOS;
    try {
      while (true) {
        Entry entry;
        while ((entry = queue.poll()) != null) {
          queued.decrementAndGet();
          if (entry.direction() == null) {
            endReason = endReason == null ? entry.endReason() : endReason;
          } else {
            window.add(entry);
          }
        }
        long horizon = System.nanoTime() - REORDER_WINDOW_NANOS;
        boolean recorded = false;
        while (!window.isEmpty() && (endReason != null || window.peek().nanoTime() <= horizon)) {
          record(window.poll());
          recorded = true;
        }
        if (endReason != null) {
          journal.end(endReason);
          return;
        }
        if (recorded || !window.isEmpty()) {
          idleParkNanos = MIN_IDLE_PARK_NANOS;
        } else {
          idleParkNanos = Math.min(MAX_IDLE_PARK_NANOS, idleParkNanos * 2);
        }
        LockSupport.parkNanos(idleParkNanos);
      }
    } catch (IOException e) {
      failure = e;
      problem("cannot append to the journal " + journal.file() + ": " + e.getMessage());
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

  private record Entry(
      Direction direction, byte[] line, long nanoTime, String endReason, long seq) {}
}
