package dev.cassette.bench;

import dev.cassette.proxy.jsonrpc.Json;
import dev.cassette.proxy.jsonrpc.JsonRpcMessage;
import dev.cassette.proxy.record.Recorder;
import dev.cassette.proxy.record.RecorderOptions;
import dev.cassette.proxy.redact.Redactor;
import dev.cassette.proxy.session.SessionListener.Direction;
import dev.cassette.proxy.tape.ServerSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The recorder's CPU per message, without the relay: the lines of a {@code tools/call echo} session
 * (what {@link StdioProxyBenchmark} sends) fed to each step alone and to a whole {@link Recorder}.
 *
 * <p>Arguments: {@code [messages]} (default 100000). Each step runs nine times to warm up, then is
 * timed; figures are wall-clock microseconds per message on one thread, so run it on a quiet
 * machine or read them as upper bounds.
 */
public final class RecorderCpuBenchmark {

  private RecorderCpuBenchmark() {}

  public static void main(String[] args) throws Exception {
    int messages = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    byte[][] lines = new byte[messages][];
    for (int i = 0; i < messages; i++) {
      int id = i / 2;
      String json =
          i % 2 == 0
              ? "{\"jsonrpc\":\"2.0\",\"id\":"
                  + id
                  + ",\"method\":\"tools/call\",\"params\":{\"name\":\"echo\",\"arguments\":"
                  + "{\"message\":\"m"
                  + id
                  + "\"}}}"
              : "{\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"Echo: m"
                  + id
                  + "\"}]},\"jsonrpc\":\"2.0\",\"id\":"
                  + id
                  + "}";
      lines[i] = json.getBytes(StandardCharsets.UTF_8);
    }
    Redactor redactor =
        Redactor.defaults()
            .withEnvironment(Map.of("API_KEY", "k-0123456789abcdef", "HOME", "/home/bench"));
    JsonNode[] parsed = new JsonNode[messages];
    for (int round = 0; round < 10; round++) {
      boolean report = round == 9;
      long start = System.nanoTime();
      for (int i = 0; i < messages; i++) {
        parsed[i] = JsonRpcMessage.parse(lines[i]).json();
      }
      print(report, "parse", start, messages);
      start = System.nanoTime();
      long changed = 0;
      for (JsonNode node : parsed) {
        changed += redactor.redact(node) == node ? 0 : 1;
      }
      print(report, "redact (" + changed + " changed)", start, messages);
      start = System.nanoTime();
      long bytes = 0;
      for (JsonNode node : parsed) {
        bytes += Json.mapper().writeValueAsBytes(node).length;
      }
      print(report, "serialize (" + bytes / messages + " bytes each)", start, messages);
      start = System.nanoTime();
      recordAll(lines, redactor);
      print(
          report,
          "Recorder.onLine (check, journal; parse and redact only when needed)",
          start,
          messages);
    }
  }

  private static void recordAll(byte[][] lines, Redactor redactor) throws Exception {
    Path dir = Files.createTempDirectory("recorder-cpu");
    Path tape = dir.resolve("bench.tape.json");
    ServerSpec server =
        new ServerSpec(
            ServerSpec.STDIO,
            List.of("node", "server.js"),
            null,
            null,
            List.of(),
            null,
            null,
            null,
            null);
    Recorder recorder =
        Recorder.start(
            new RecorderOptions(tape, "bench", List.of(), server, dir, problem -> {}), redactor);
    long now = System.nanoTime();
    for (int i = 0; i < lines.length; i++) {
      Direction direction = i % 2 == 0 ? Direction.CLIENT_TO_SERVER : Direction.SERVER_TO_CLIENT;
      recorder.onLine(direction, lines[i], now + i);
    }
    Path journal = recorder.abandon("benchmark over", Duration.ofMinutes(5));
    Files.delete(journal);
    Files.delete(dir);
  }

  private static void print(boolean report, String step, long start, int messages) {
    if (report) {
      double micros = (System.nanoTime() - start) / 1_000.0 / messages;
      System.out.printf("%-50s %7.2f us/message%n", step, micros);
    }
  }
}
