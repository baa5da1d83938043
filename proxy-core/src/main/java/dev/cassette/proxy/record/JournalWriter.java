package dev.cassette.proxy.record;

import dev.cassette.proxy.jsonrpc.Json;
import dev.cassette.proxy.session.SessionListener.Direction;
import dev.cassette.proxy.tape.Component;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Appends a recording to its journal, one JSON line per entry.
 *
 * <p>Each line goes to the file through a {@link JournalAppender} (a shared memory mapping), so
 * once a call returns the line is in the operating system's hands and survives a {@code kill -9} of
 * the JVM (not a power cut: nothing is synced), and appending costs no system call. Not
 * thread-safe: the {@link Recorder} serialises its calls.
 */
final class JournalWriter implements AutoCloseable {

  static final String CLIENT = "client";
  static final String SERVER = "server";

  private static final byte[] CLIENT_HEAD = ascii("{\"dir\":\"" + CLIENT + "\",\"nanos\":");
  private static final byte[] SERVER_HEAD = ascii("{\"dir\":\"" + SERVER + "\",\"nanos\":");
  private static final byte[] MESSAGE = ascii(",\"message\":");

  private final Path file;
  private final JournalAppender out;
  private long lines;

  private JournalWriter(Path file, JournalAppender out) {
    this.file = file;
    this.out = out;
  }

  /**
   * Creates the journal and writes its header.
   *
   * @throws IOException if the file exists (an earlier recording's journal, which may need
   *     recovering) or cannot be created
   */
  static JournalWriter create(Path file, JournalHeader header) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    JournalAppender out;
    try {
      out = JournalAppender.create(file);
    } catch (FileAlreadyExistsException e) {
      throw new IOException(
          "journal "
              + file
              + " already exists (left by an earlier recording): turn it into a tape with"
              + " `cassette tape recover "
              + file
              + "` or delete it",
          e);
    }
    JournalWriter writer = new JournalWriter(file, out);
    writer.line(header.toJson());
    return writer;
  }

  Path file() {
    return file;
  }

  /** Number of lines written, the header included. */
  long lines() {
    return lines;
  }

  void message(Direction direction, long nanos, JsonNode message) throws IOException {
    ObjectNode node = Json.mapper().createObjectNode();
    node.put("dir", name(direction));
    node.put("nanos", nanos);
    node.set("message", message);
    line(node);
  }

  /**
   * Appends a message as the bytes that were relayed, which the caller has checked are one JSON-RPC
   * message with nothing to redact ({@link VerbatimLines}); no tree is built.
   */
  void verbatim(Direction direction, long nanos, byte[] message) throws IOException {
    out.append(verbatimLine(direction, nanos, message));
    lines++;
  }

  /** The journal line of a verbatim message: {@code {"dir":…,"nanos":…,"message":<message>}\n}. */
  static byte[] verbatimLine(Direction direction, long nanos, byte[] message) {
    byte[] head = direction == Direction.CLIENT_TO_SERVER ? CLIENT_HEAD : SERVER_HEAD;
    byte[] time = Long.toString(nanos).getBytes(StandardCharsets.US_ASCII);
    byte[] line = new byte[head.length + time.length + MESSAGE.length + message.length + 2];
    int at = 0;
    System.arraycopy(head, 0, line, at, head.length);
    at += head.length;
    System.arraycopy(time, 0, line, at, time.length);
    at += time.length;
    System.arraycopy(MESSAGE, 0, line, at, MESSAGE.length);
    at += MESSAGE.length;
    System.arraycopy(message, 0, line, at, message.length);
    line[line.length - 2] = '}';
    line[line.length - 1] = '\n';
    return line;
  }

  void nonJson(
      Direction direction, long nanos, long lineNumber, String redactedText, String problem)
      throws IOException {
    ObjectNode node = Json.mapper().createObjectNode();
    node.put("dir", name(direction));
    node.put("nanos", nanos);
    node.put("line", lineNumber);
    node.put("raw", redactedText);
    node.put("problem", problem);
    line(node);
  }

  void component(Component component) throws IOException {
    ObjectNode node = Json.mapper().createObjectNode();
    ObjectNode value = node.putObject("component");
    value.put("id", component.id());
    value.put("source", component.source());
    value.put("sha256", component.sha256());
    if (component.policy() != null) {
      value.put("policy", component.policy());
    }
    line(node);
  }

  void end(String reason) throws IOException {
    ObjectNode node = Json.mapper().createObjectNode();
    node.put("end", reason);
    line(node);
  }

  private void line(ObjectNode node) throws IOException {
    byte[] json = Json.mapper().writeValueAsBytes(node);
    byte[] line = new byte[json.length + 1];
    System.arraycopy(json, 0, line, 0, json.length);
    line[json.length] = '\n';
    out.append(line);
    lines++;
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  static String name(Direction direction) {
    return direction == Direction.CLIENT_TO_SERVER ? CLIENT : SERVER;
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
