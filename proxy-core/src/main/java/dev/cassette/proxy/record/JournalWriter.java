package dev.cassette.proxy.record;

import dev.cassette.proxy.jsonrpc.Json;
import dev.cassette.proxy.session.SessionListener.Direction;
import dev.cassette.proxy.tape.Component;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
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

  /** How far {@link #holdsNoHeader} looks for the header's newline. */
  private static final int HEADER_SCAN_BYTES = 1 << 20;

  private final Path file;
  private final JournalSink out;
  private long lines;

  private JournalWriter(Path file, JournalSink out) {
    this.file = file;
    this.out = out;
  }

  /** Opens the file a journal appends to (the seam a test uses to fail the header's write). */
  interface Opener {
    JournalSink open(Path file) throws IOException;
  }

  /**
   * Creates the journal and writes its header. A journal that never got its header (what a start on
   * a full disk leaves) is replaced; if the header cannot be written now, the file is removed.
   *
   * @param replaced told when such an earlier headerless journal was removed
   * @throws IOException if the file exists (an earlier recording's journal, which may need
   *     recovering) or cannot be created, or the header cannot be written
   */
  static JournalWriter create(Path file, JournalHeader header, Consumer<String> replaced)
      throws IOException {
    return create(file, header, replaced, JournalAppender::create);
  }

  static JournalWriter create(
      Path file, JournalHeader header, Consumer<String> replaced, Opener opener)
      throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    if (holdsNoHeader(file)) {
      Files.delete(file);
      replaced.accept(
          "removed "
              + file
              + ": a journal without a header, left by a recording that failed to start");
    }
    JournalSink out;
    try {
      out = opener.open(file);
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
    try {
      writer.line(header.toJson());
    } catch (IOException | RuntimeException e) {
      try {
        out.close();
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      } finally {
        Files.deleteIfExists(file);
      }
      throw new IOException(
          "cannot write the header of the journal " + file + " (removed it): " + e.getMessage(), e);
    }
    return writer;
  }

  /**
   * Whether {@code file} is a journal that never got its header: empty, or without a complete first
   * line before its zero-filled tail. A missing file holds no journal at all ({@code false}).
   */
  static boolean holdsNoHeader(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      return false;
    }
    try (InputStream in = Files.newInputStream(file)) {
      byte[] head = in.readNBytes(HEADER_SCAN_BYTES);
      for (byte b : head) {
        if (b == '\n') {
          return false;
        }
        if (b == 0) {
          return true;
        }
      }
      return head.length < HEADER_SCAN_BYTES;
    }
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

  /**
   * Appends a component: one preloaded from the server's component folder ({@code request} {@code
   * null}), or one the client's request with id {@code request} loads, which counts only if the
   * server's response to it succeeds.
   */
  void component(Component component, JsonNode request) throws IOException {
    ObjectNode node = Json.mapper().createObjectNode();
    ObjectNode value = node.putObject("component");
    value.put("id", component.id());
    value.put("source", component.source());
    value.put("sha256", component.sha256());
    if (component.policy() != null) {
      value.put("policy", component.policy());
    }
    if (request != null) {
      value.set("request", request);
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
