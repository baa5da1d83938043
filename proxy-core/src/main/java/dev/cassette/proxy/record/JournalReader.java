package dev.cassette.proxy.record;

import dev.cassette.proxy.jsonrpc.Json;
import dev.cassette.proxy.jsonrpc.JsonRpcMessage;
import dev.cassette.proxy.jsonrpc.MalformedMessageException;
import dev.cassette.proxy.session.SessionListener.Direction;
import dev.cassette.proxy.tape.Component;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Reads a journal back, entry by entry, without holding it in memory.
 *
 * <p>The journal ends at its end or at its first zero byte (the unwritten tail of a killed
 * recorder's last region). A last line without its newline (the recorder was killed while writing
 * it) is reported and skipped; so is any other line that cannot be read, named by file and line
 * number.
 */
final class JournalReader {

  /** Receives a journal's entries in order. */
  interface Visitor {
    void header(JournalHeader header);

    void message(Direction direction, long nanos, JsonRpcMessage message);

    /**
     * A component: preloaded ({@code request} {@code null}) or loaded by the client request with
     * that id, if the server's response to it succeeds.
     */
    void component(Component component, JsonNode request);

    void end(String reason);

    /** A line that could not be used, or a non-JSON line the journal recorded; in words. */
    void problem(String problem);
  }

  private JournalReader() {}

  /**
   * Reads a journal, handing its messages to the visitor in the order they were read from the wire
   * (see {@link ReadOrder}).
   */
  static void read(Path journal, Visitor visitor) throws IOException {
    ReadOrder ordered = new ReadOrder(visitor);
    readAsWritten(journal, ordered);
    ordered.flush();
  }

  private static void readAsWritten(Path journal, Visitor visitor) throws IOException {
    try (InputStream in = Files.newInputStream(journal)) {
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      byte[] buffer = new byte[1 << 16];
      long number = 0;
      int n;
      boolean unwritten = false;
      while (!unwritten && (n = in.read(buffer)) > 0) {
        int start = 0;
        for (int i = 0; i < n; i++) {
          if (buffer[i] == 0) {
            n = i; // the zero-filled tail a killed recorder leaves (see JournalAppender)
            unwritten = true;
            break;
          }
          if (buffer[i] != '\n') {
            continue;
          }
          number++;
          byte[] bytes;
          if (line.size() == 0) {
            bytes = Arrays.copyOfRange(buffer, start, i);
          } else {
            line.write(buffer, start, i - start);
            bytes = line.toByteArray();
            line.reset();
          }
          entry(journal, number, bytes, visitor);
          start = i + 1;
        }
        line.write(buffer, start, n - start);
      }
      if (line.size() > 0) {
        visitor.problem(
            journal
                + ":"
                + (number + 1)
                + ": incomplete last line ("
                + line.size()
                + " bytes without a newline; the recording was cut off while writing it), skipped");
      }
      if (number == 0) {
        throw new IOException(journal + ": empty journal, no header line");
      }
    }
  }

  private static void entry(Path journal, long number, byte[] bytes, Visitor visitor)
      throws IOException {
    JsonNode node;
    try {
      node = Json.parse(bytes);
    } catch (JacksonException e) {
      if (number == 1) {
        throw new IOException(journal + ":1: not a cassette journal: " + e.getOriginalMessage(), e);
      }
      visitor.problem(
          journal + ":" + number + ": unreadable line skipped: " + e.getOriginalMessage());
      return;
    }
    if (number == 1) {
      try {
        visitor.header(JournalHeader.fromJson(node));
      } catch (IllegalArgumentException e) {
        throw new IOException(journal + ":1: " + e.getMessage(), e);
      }
      return;
    }
    try {
      dispatch(node, visitor);
    } catch (MalformedMessageException | IllegalArgumentException e) {
      visitor.problem(journal + ":" + number + ": " + e.getMessage());
    }
  }

  private static void dispatch(JsonNode node, Visitor visitor) {
    if (node.has("message")) {
      visitor.message(
          direction(node), node.path("nanos").asLong(), JsonRpcMessage.of(node.get("message")));
    } else if (node.has("raw")) {
      visitor.problem(
          "the "
              + JournalWriter.name(direction(node))
              + " wrote a non-JSON line (line "
              + node.path("line").asLong()
              + "): "
              + Excerpt.of(node.path("raw").asString()));
    } else if (node.has("component")) {
      JsonNode value = node.get("component");
      visitor.component(
          new Component(
              value.path("id").asString(),
              value.path("source").asString(),
              value.path("sha256").asString(),
              value.has("policy") ? value.get("policy").asString() : null,
              null),
          value.get("request"));
    } else if (node.has("end")) {
      visitor.end(node.get("end").asString());
    } else {
      throw new IllegalArgumentException("unknown journal entry " + Excerpt.of(node.toString()));
    }
  }

  private static Direction direction(JsonNode node) {
    String name = node.path("dir").asString("");
    if (name.equals(JournalWriter.CLIENT)) {
      return Direction.CLIENT_TO_SERVER;
    }
    if (name.equals(JournalWriter.SERVER)) {
      return Direction.SERVER_TO_CLIENT;
    }
    throw new IllegalArgumentException("unknown direction \"" + name + "\"");
  }
}
