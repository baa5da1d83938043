package dev.cassette.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cassette.proxy.transport.TestPeers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * {@code cassette record} run as a separate JVM, driven line by line as an MCP client would; its
 * stdout lines are queued, its stderr kept. {@link #close()} kills it and its whole process tree.
 */
final class RecorderProcess implements AutoCloseable {

  private final Process process;
  private final OutputStream toRecorder;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
  private final Thread[] readers = new Thread[2];

  private RecorderProcess(Process process) {
    this.process = process;
    this.toRecorder = process.getOutputStream();
    readers[0] = pump(process.getInputStream(), null, "recorder-stdout");
    readers[1] = pump(process.getErrorStream(), this::stderrBytes, "recorder-stderr");
  }

  /**
   * The command that starts {@code cassette} with arguments in a fresh JVM on the test classpath.
   */
  static List<String> cassette(List<String> arguments) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(Cassette.class.getName());
    command.addAll(arguments);
    return command;
  }

  static RecorderProcess start(List<String> arguments, Map<String, String> environment)
      throws IOException {
    ProcessBuilder builder = new ProcessBuilder(cassette(arguments));
    builder.environment().putAll(environment);
    return new RecorderProcess(builder.start());
  }

  /** The path of server-everything's stdio entry point in the npm test peers. */
  static String serverEverything() {
    return TestPeers.serverEverything().toString();
  }

  ProcessHandle handle() {
    return process.toHandle();
  }

  void send(String line) throws IOException {
    toRecorder.write((line + "\n").getBytes(StandardCharsets.UTF_8));
    toRecorder.flush();
  }

  /** Closes the recorder's stdin: the client ends the session. */
  void closeInput() throws IOException {
    toRecorder.close();
  }

  /** The next line the recorder relayed to us, waiting at most {@code timeout}. */
  String receive(Duration timeout) throws InterruptedException {
    String line = lines.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    assertThat(line)
        .as("a line from the recorder within %s; stderr: %s", timeout, stderr())
        .isNotNull();
    return line;
  }

  /** Waits for the recorder to exit and returns its status. */
  int awaitExit(Duration timeout) throws InterruptedException {
    boolean exited = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    assertThat(exited).as("recorder exited within %s; stderr: %s", timeout, stderr()).isTrue();
    for (Thread reader : readers) {
      reader.join(timeout.toMillis());
    }
    return process.exitValue();
  }

  synchronized String stderr() {
    return stderr.toString(StandardCharsets.UTF_8);
  }

  private synchronized void stderrBytes(byte[] chunk, int length) {
    stderr.write(chunk, 0, length);
  }

  private interface Sink {
    void accept(byte[] chunk, int length);
  }

  private Thread pump(InputStream in, Sink sink, String name) {
    boolean splitLines = sink == null;
    Thread thread =
        new Thread(
            () -> {
              ByteArrayOutputStream line = new ByteArrayOutputStream();
              byte[] buffer = new byte[8192];
              try {
                int n;
                while ((n = in.read(buffer)) > 0) {
                  if (!splitLines) {
                    sink.accept(buffer, n);
                    continue;
                  }
                  for (int i = 0; i < n; i++) {
                    if (buffer[i] == '\n') {
                      lines.add(line.toString(StandardCharsets.UTF_8));
                      line.reset();
                    } else {
                      line.write(buffer[i]);
                    }
                  }
                }
              } catch (IOException e) {
                // The recorder went away.
              }
            },
            name);
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  /** Kills the recorder and everything it started, and waits for them to go. */
  @Override
  public void close() {
    List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
    tree.forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    for (ProcessHandle handle : tree) {
      handle.onExit().orTimeout(10, TimeUnit.SECONDS).exceptionally(e -> handle).join();
    }
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
