package dev.cassette.bench;

import dev.cassette.proxy.jsonrpc.Json;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;

/**
 * A minimal MCP client over a child's stdio, for timing: it writes one request line and reads the
 * child's output on the calling thread until the answer with the same id (notifications and other
 * messages in between are skipped), so no thread hand-off is timed on the client side.
 *
 * <p>It knows when the child was launched, so it can tell how long the server took to answer {@code
 * initialize} and its first successful {@code tools/call}.
 */
final class StdioClient {
  private static final Duration STOP_WAIT = Duration.ofSeconds(10);

  private final List<String> command;
  private final Process process;
  private final long launchedNanos;
  private final OutputStream in;
  private final InputStream out;
  private final ByteArrayOutputStream line = new ByteArrayOutputStream(4096);
  private long nextId = 1;

  private StdioClient(List<String> command, Process process, long launchedNanos) {
    this.command = command;
    this.process = process;
    this.launchedNanos = launchedNanos;
    this.in = process.getOutputStream();
    this.out = new BufferedInputStream(process.getInputStream(), 65536);
  }

  /** Starts {@code command} in {@code directory}, its standard error going to {@code log}. */
  static StdioClient launch(List<String> command, Path directory, Path log) throws IOException {
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(directory.toFile())
            .redirectError(ProcessBuilder.Redirect.to(log.toFile()));
    long launched = System.nanoTime();
    return new StdioClient(command, builder.start(), launched);
  }

  /**
   * Sends {@code initialize} and {@code notifications/initialized}.
   *
   * @return nanoseconds from launch to the {@code initialize} answer
   */
  long initialize() throws IOException {
    request(
        "initialize",
        "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},"
            + "\"clientInfo\":{\"name\":\"cassette-bench\",\"version\":\"0.1\"}}");
    long answered = System.nanoTime() - launchedNanos;
    send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
    return answered;
  }

  /**
   * Calls {@code tool} until it answers without error (a server that loads its components in the
   * background answers "tool not found" until it has), at most {@code timeout}.
   *
   * @return nanoseconds from launch to the first successful answer, and the error answers before it
   */
  Ready awaitTool(String tool, String argumentsJson, String expectedText, Duration timeout)
      throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    int errors = 0;
    while (true) {
      JsonNode result = callTool(tool, argumentsJson);
      if (!result.path("isError").asBoolean(false)) {
        long answered = System.nanoTime() - launchedNanos;
        check(tool, result, expectedText);
        return new Ready(answered, errors);
      }
      errors++;
      if (System.nanoTime() > deadline) {
        throw new IOException(
            "'"
                + tool
                + "' still failing after "
                + timeout
                + " through "
                + command
                + ": "
                + result);
      }
    }
  }

  /** Nanoseconds from launch to a successful answer, and how many error answers came first. */
  record Ready(long nanos, int errorsBefore) {}

  /** Times {@code count} sequential calls, each answer checked against {@code expectedText}. */
  long[] time(int count, String tool, String argumentsJson, String expectedText)
      throws IOException {
    long[] nanos = new long[count];
    for (int i = 0; i < count; i++) {
      long start = System.nanoTime();
      JsonNode result = callTool(tool, argumentsJson);
      nanos[i] = System.nanoTime() - start;
      check(tool, result, expectedText);
    }
    return nanos;
  }

  private void check(String tool, JsonNode result, String expectedText) throws IOException {
    String text = result.path("content").path(0).path("text").asString("");
    if (result.path("isError").asBoolean(false) || !text.equals(expectedText)) {
      throw new IOException(
          "'" + tool + "' answered " + result + " through " + command + ", not " + expectedText);
    }
  }

  private JsonNode callTool(String tool, String argumentsJson) throws IOException {
    return request("tools/call", "{\"name\":\"" + tool + "\",\"arguments\":" + argumentsJson + "}");
  }

  private JsonNode request(String method, String paramsJson) throws IOException {
    long id = nextId++;
    send(McpCalls.requestLine(id, method, paramsJson));
    while (true) {
      JsonNode message = Json.parse(readLine(method));
      JsonNode answerId = message.get("id");
      if (answerId != null && answerId.isNumber() && answerId.asLong() == id) {
        if (message.has("error")) {
          throw new IOException(method + " failed through " + command + ": " + message);
        }
        return message.get("result");
      }
    }
  }

  private byte[] readLine(String method) throws IOException {
    line.reset();
    int b;
    while ((b = out.read()) != '\n') {
      if (b < 0) {
        throw new IOException(
            command + " closed its output while " + method + " was unanswered (see its log)");
      }
      line.write(b);
    }
    return line.toByteArray();
  }

  private void send(String json) throws IOException {
    in.write(json.getBytes(StandardCharsets.UTF_8));
    in.write('\n');
    in.flush();
  }

  /**
   * Closes the child's input, waits up to {@code exitWait} for it to exit by itself, then sends
   * SIGTERM to it and everything it started (Wassette does not exit when its input closes), and
   * kills what is left after {@link #STOP_WAIT}.
   *
   * @return whether the child exited by itself within {@code exitWait}
   */
  boolean close(Duration exitWait) throws InterruptedException {
    List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
    try {
      in.close();
    } catch (IOException e) {
      // The child has exited already.
    }
    if (process.waitFor(exitWait.toMillis(), TimeUnit.MILLISECONDS)) {
      return true;
    }
    tree.addAll(process.descendants().toList());
    tree.add(process.toHandle());
    tree.forEach(ProcessHandle::destroy);
    long deadline = System.nanoTime() + STOP_WAIT.toNanos();
    for (ProcessHandle handle : tree) {
      long left = Math.max(0, deadline - System.nanoTime());
      try {
        handle.onExit().get(left, TimeUnit.NANOSECONDS);
      } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
        handle.destroyForcibly();
      }
    }
    return false;
  }
}
