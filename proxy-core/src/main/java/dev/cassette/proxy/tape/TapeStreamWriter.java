package dev.cassette.proxy.tape;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.apiguardian.api.API;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.JsonNode;

/**
 * Writes a tape one exchange at a time, in constant memory, with the same bytes as {@link
 * TapeCodec#toJson(Tape)} gives for the whole tape. For turning a long recording into a tape.
 *
 * <p>The tape appears only on {@link #commit()}: exchanges go to a temporary file in the target's
 * folder, which commit syncs and renames over the target. Closing without committing deletes the
 * temporary file and leaves any existing tape untouched.
 *
 * <pre>{@code
 * try (TapeStreamWriter writer = TapeStreamWriter.open(header, file)) {
 *   for (Exchange exchange : exchanges) {
 *     writer.append(exchange);
 *   }
 *   writer.commit();
 * }
 * }</pre>
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class TapeStreamWriter implements Closeable {

  private final Path target;
  private final Path temp;
  private final FileChannel channel;
  private final OutputStream out;
  private final JsonGenerator generator;
  private final Tape header;
  private boolean finished;

  private TapeStreamWriter(Path target, Path temp, FileChannel channel, Tape header) {
    this.target = target;
    this.temp = temp;
    this.channel = channel;
    this.header = header;
    this.out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
    this.generator =
        TapeCodec.writer().without(StreamWriteFeature.AUTO_CLOSE_TARGET).createGenerator(out);
  }

  /**
   * Starts writing a tape.
   *
   * @param header the tape's fields other than its exchanges (its {@code exchanges} are ignored)
   * @param file the tape file to create or replace on {@link #commit()}
   * @return a writer to append exchanges to
   * @throws IOException if the temporary file cannot be created
   */
  public static TapeStreamWriter open(Tape header, Path file) throws IOException {
    Objects.requireNonNull(header, "header");
    Objects.requireNonNull(file, "file");
    Path target = file.toAbsolutePath();
    Files.createDirectories(target.getParent());
    Path temp =
        target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
    FileChannel channel =
        FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    TapeStreamWriter writer = new TapeStreamWriter(target, temp, channel, header);
    try {
      writer.generator.writeStartObject();
      writer.writeFields(TapeEncoder.head(header));
      writer.generator.writeName("exchanges");
      writer.generator.writeStartArray();
      return writer;
    } catch (JacksonException e) {
      writer.close();
      throw new IOException("cannot write " + temp, e);
    }
  }

  /**
   * Appends the next exchange.
   *
   * @param exchange the exchange
   * @throws IOException if it cannot be written
   */
  public void append(Exchange exchange) throws IOException {
    Objects.requireNonNull(exchange, "exchange");
    checkOpen();
    try {
      generator.writeTree(TapeEncoder.exchange(exchange));
    } catch (JacksonException e) {
      throw new IOException("cannot write " + temp, e);
    }
  }

  /**
   * Finishes the tape: writes its end, syncs it to disk and renames it over the target.
   *
   * @throws IOException if the tape cannot be finished; the target is then left untouched
   */
  public void commit() throws IOException {
    checkOpen();
    try {
      generator.writeEndArray();
      writeFields(TapeEncoder.tail(header));
      generator.writeEndObject();
      generator.writeRaw('\n');
      generator.close();
    } catch (JacksonException e) {
      throw new IOException("cannot write " + temp, e);
    }
    out.flush();
    channel.force(true);
    channel.close();
    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    finished = true;
    TapeCodec.syncFolder(target.getParent());
  }

  /** Deletes the temporary file unless {@link #commit()} succeeded. */
  @Override
  public void close() throws IOException {
    if (!finished) {
      finished = true;
      try {
        channel.close();
      } finally {
        Files.deleteIfExists(temp);
      }
    }
  }

  private void writeFields(tools.jackson.databind.node.ObjectNode fields) {
    for (Map.Entry<String, JsonNode> field : fields.properties()) {
      generator.writeName(field.getKey());
      generator.writeTree(field.getValue());
    }
  }

  private void checkOpen() {
    if (finished) {
      throw new IllegalStateException("the tape writer for " + target + " is closed");
    }
  }
}
