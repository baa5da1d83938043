package dev.cassette.proxy.transport;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.apiguardian.api.API;

/**
 * An MCP server running as a child process, spoken to over its stdin and stdout.
 *
 * <p>The child gets the environment this JVM has, plus the variables given to {@link #start} (which
 * win over inherited ones of the same name). Their values are secrets: they never appear in
 * messages, logs or {@link #description()}, which names only the program, not its arguments.
 *
 * <p>Its stderr is drained continuously into a bounded tail ({@link #diagnosticsTail()}), so a
 * chatty server never blocks. {@link #close()} closes stdin, waits the grace period, then kills the
 * process tree (descendants deepest first, then the child; forcibly if needed) and reaps the child.
 * A JVM shutdown hook kills any child still running when the JVM exits.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ChildProcess implements LaunchedServer {

  private static final Duration CLOSE_WAIT = Duration.ofMillis(200);

  private final Process process;
  private final String program;
  private final TransportOptions options;
  private final DiagnosticsTail tail;
  private long inputClosedAt; // System.nanoTime() of the first closeInput(), 0 before
  private final ProcessTree tree;
  private boolean closed;

  private ChildProcess(
      Process process, String program, TransportOptions options, OutputStream stderrCopy) {
    this.process = process;
    this.program = program;
    this.options = options;
    this.tail = new DiagnosticsTail(options.diagnosticsTailLines(), options.diagnosticsTailBytes());
    this.tree = new ProcessTree(process.toHandle());
    tail.drain(process.getErrorStream(), stderrCopy, "cassette-stderr-" + process.pid());
  }

  /**
   * Starts a child process.
   *
   * @param command the program and its arguments
   * @param environment variables added to the inherited environment (values are secrets)
   * @param workingDirectory where the child runs, or {@code null} for this JVM's directory
   * @param options framing and shutdown settings
   * @return the running child
   * @throws IOException if it cannot start, for example {@code cannot start server: 'foo': No such
   *     file or directory}
   */
  public static ChildProcess start(
      List<String> command,
      Map<String, String> environment,
      Path workingDirectory,
      TransportOptions options)
      throws IOException {
    return start(command, environment, workingDirectory, options, null);
  }

  /**
   * Starts a child process whose stderr is also copied, byte for byte, to {@code stderrCopy} (for
   * {@code cassette record}, so the MCP client still sees the server's log on its stderr).
   *
   * @param command the program and its arguments
   * @param environment variables added to the inherited environment (values are secrets)
   * @param workingDirectory where the child runs, or {@code null} for this JVM's directory
   * @param options framing and shutdown settings
   * @param stderrCopy where the child's stderr is copied as it arrives, or {@code null}
   * @return the running child
   * @throws IOException if it cannot start
   */
  public static ChildProcess start(
      List<String> command,
      Map<String, String> environment,
      Path workingDirectory,
      TransportOptions options,
      OutputStream stderrCopy)
      throws IOException {
    Objects.requireNonNull(command, "command");
    Objects.requireNonNull(environment, "environment");
    Objects.requireNonNull(options, "options");
    if (command.isEmpty() || command.get(0) == null || command.get(0).isBlank()) {
      throw new IllegalArgumentException("command must name a program but was " + command);
    }
    String program = command.get(0);
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().putAll(environment);
    if (workingDirectory != null) {
      if (!Files.isDirectory(workingDirectory)) {
        throw new IOException(
            "cannot start server: '"
                + program
                + "': working directory '"
                + workingDirectory
                + "' does not exist");
      }
      builder.directory(workingDirectory.toFile());
    }
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new IOException("cannot start server: '" + program + "': " + reason(e), e);
    }
    ChildProcess child =
        new ChildProcess(process, new File(program).getName(), options, stderrCopy);
    ChildProcessRegistry.register(child);
    return child;
  }

  private static String reason(IOException e) {
    String message = String.valueOf(e.getMessage());
    int error = message.indexOf("error=");
    if (error >= 0) {
      int comma = message.indexOf(", ", error);
      if (comma >= 0) {
        return message.substring(comma + 2);
      }
    }
    return message;
  }

  /** The child's process id. */
  public long pid() {
    return process.pid();
  }

  /** The child's process handle (to watch it or its descendants). */
  public ProcessHandle handle() {
    return process.toHandle();
  }

  @Override
  public String description() {
    return "server '" + program + "'";
  }

  @Override
  public InputStream fromServer() {
    return process.getInputStream();
  }

  @Override
  public OutputStream toServer() {
    return process.getOutputStream();
  }

  @Override
  public void closeInput() {
    synchronized (this) {
      if (inputClosedAt == 0) {
        inputClosedAt = System.nanoTime();
      }
    }
    tree.snapshot();
    BoundedClose.close(process.getOutputStream(), CLOSE_WAIT);
  }

  /**
   * {@inheritDoc}
   *
   * <p>Waits on the {@link Process}, not its {@link ProcessHandle}: the handle reports the exit as
   * soon as the child is reaped, a moment before the {@code Process} has taken its exit status, and
   * {@link #exitDescription()} asks the {@code Process}. Once this returns {@code true}, {@link
   * #exitDescription()} gives the exit status.
   */
  @Override
  public boolean awaitExit(Duration timeout) {
    try {
      return process.waitFor(Math.max(1, timeout.toNanos()), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return !process.isAlive();
    }
  }

  @Override
  public String exitDescription() {
    if (process.isAlive()) {
      return "closed its output but is still running";
    }
    return "exited with status " + process.exitValue();
  }

  @Override
  public String diagnosticsTail() {
    if (!process.isAlive()) {
      tail.awaitDrained(Duration.ofMillis(500));
    }
    return tail.text();
  }

  @Override
  public boolean isAlive() {
    return process.isAlive();
  }

  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    try {
      closeInput();
      // One grace period from the first close of its input, not one more per caller: the session
      // pump has usually waited already.
      awaitExitWatchingTree(inputClosedAt + options.shutdownGrace().toNanos());
      tree.destroy(options.shutdownGrace());
    } finally {
      ChildProcessRegistry.unregister(this);
    }
  }

  private void awaitExitWatchingTree(long deadline) {
    while (process.isAlive()) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return;
      }
      tree.snapshot(); // catch descendants started late, before the child's exit orphans them
      awaitExit(Duration.ofNanos(Math.min(left, 50_000_000L)));
    }
  }

  /** Kills the tree at once, without grace; for the shutdown hook. */
  void kill() {
    tree.snapshot();
    tree.destroy(Duration.ofMillis(200));
  }
}
