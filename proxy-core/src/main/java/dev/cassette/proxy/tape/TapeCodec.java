package dev.cassette.proxy.tape;

import dev.cassette.proxy.jsonrpc.Json;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.UUID;
import org.apiguardian.api.API;
import tools.jackson.databind.ObjectWriter;

/**
 * Reads and writes tapes ({@code *.tape.json}).
 *
 * <p>Writing is deterministic: the same tape always gives the same bytes, and reading a tape then
 * writing it gives the bytes read (for tapes Cassette wrote). Reading checks the format and names
 * the file, line and column of the first bad value. See {@code docs/tape-format.md}.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class TapeCodec {

  /** How the name of a tape file ends: {@value}. */
  public static final String FILE_SUFFIX = ".tape.json";

  private static final ObjectWriter WRITER =
      Json.mapper().writer().with(new TapePrettyPrinter()).with(new TapeCharacterEscapes());

  private TapeCodec() {}

  /** The writer with the tape layout, shared by {@link TapeStreamWriter}. */
  static ObjectWriter writer() {
    return WRITER;
  }

  /**
   * Reads a tape file (UTF-8).
   *
   * @param file the tape file
   * @return the tape, with the position of every exchange
   * @throws TapeFormatException if the file cannot be read or is not a valid tape
   */
  public static Tape read(Path file) throws TapeFormatException {
    Objects.requireNonNull(file, "file");
    String sourceName = file.toString();
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new TapeFormatException(sourceName, null, "no such file", e);
    } catch (IOException e) {
      throw new TapeFormatException(sourceName, null, "cannot read: " + e, e);
    }
    return read(bytes, sourceName);
  }

  /**
   * Reads a tape from its UTF-8 bytes.
   *
   * @param bytes the tape file's content
   * @param sourceName where the bytes came from, used in error messages
   * @return the tape, with the position of every exchange
   * @throws TapeFormatException if the bytes are not UTF-8 (naming the line, column and byte offset
   *     of the first bad sequence) or not a valid tape
   */
  public static Tape read(byte[] bytes, String sourceName) throws TapeFormatException {
    Objects.requireNonNull(bytes, "bytes");
    Objects.requireNonNull(sourceName, "sourceName");
    return read(Utf8Text.decode(bytes, sourceName), sourceName);
  }

  /**
   * Reads a tape from text.
   *
   * @param json the tape document
   * @param sourceName where the text came from, used in error messages
   * @return the tape, with the position of every exchange
   * @throws TapeFormatException if the text is not a valid tape
   */
  public static Tape read(String json, String sourceName) throws TapeFormatException {
    Objects.requireNonNull(json, "json");
    Objects.requireNonNull(sourceName, "sourceName");
    String text = json.startsWith("\uFEFF") ? " " + json.substring(1) : json;
    return TapeDecoder.decode(LocatedTree.parse(text, sourceName), sourceName);
  }

  /**
   * Writes a tape as its canonical text, ending with a newline.
   *
   * @param tape the tape
   * @return the document
   */
  public static String toJson(Tape tape) {
    Objects.requireNonNull(tape, "tape");
    return WRITER.writeValueAsString(TapeEncoder.encode(tape)) + "\n";
  }

  /**
   * Writes a tape to a file atomically: to a temporary file in the same folder, synced to disk,
   * then renamed over the target. Creates missing parent folders.
   *
   * @param tape the tape
   * @param file the target file
   * @throws IOException if the file cannot be written
   */
  public static void write(Tape tape, Path file) throws IOException {
    Objects.requireNonNull(tape, "tape");
    write(toJson(tape).getBytes(StandardCharsets.UTF_8), file);
  }

  /**
   * Writes the bytes of a tape's text to a file atomically, as {@link #write(Tape, Path)} does; for
   * putting back a tape exactly as it was read.
   *
   * @param bytes the tape's UTF-8 text
   * @param file the target file
   * @throws IOException if the file cannot be written
   */
  public static void write(byte[] bytes, Path file) throws IOException {
    Objects.requireNonNull(bytes, "bytes");
    Objects.requireNonNull(file, "file");
    Path target = file.toAbsolutePath();
    Path folder = target.getParent();
    Files.createDirectories(folder);
    Path temp = folder.resolve("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
    try {
      // Opened like any new file (not createTempFile) so the tape gets the usual permissions.
      try (FileChannel channel =
          FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(true);
      }
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      syncFolder(folder);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /** Makes the rename durable where the platform allows syncing a folder (not on Windows). */
  static void syncFolder(Path folder) {
    try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException | UnsupportedOperationException notSupported) {
      // The rename itself is atomic; only its durability after a power cut is not guaranteed.
    }
  }
}
