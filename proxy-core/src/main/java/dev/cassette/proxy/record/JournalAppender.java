package dev.cassette.proxy.record;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Appends bytes to a new file through a shared memory mapping, one region at a time: an append is a
 * memory copy, not a system call, and what was appended is in the operating system's page cache at
 * once, so it survives a {@code kill -9} of the JVM (not a power cut: nothing is synced).
 *
 * <p>The file grows a region ({@value #REGION_BYTES} bytes, written as zeros before it is mapped,
 * so a full disk is an {@link IOException} when a region starts) at a time; {@link #close()} cuts
 * it to what was appended. A file left by a killed process therefore ends in zero bytes, which
 * readers take for its end ({@link JournalReader}); a journal line never holds a zero byte (JSON
 * text escapes control characters). Where the file cannot be mapped, appends fall back to one
 * {@code write(2)} each. Not thread-safe.
 */
final class JournalAppender implements JournalSink {

  static final int REGION_BYTES = 1 << 20;
  private static final int ZEROS_BYTES = 1 << 16;

  private final Path file;
  private final FileChannel channel;
  private MappedByteBuffer region;
  private long regionStart;
  private long size;
  private boolean mapped = true;

  private JournalAppender(Path file, FileChannel channel) {
    this.file = file;
    this.channel = channel;
  }

  /** Creates the file; fails with {@link java.nio.file.FileAlreadyExistsException} if it exists. */
  static JournalAppender create(Path file) throws IOException {
    FileChannel channel =
        FileChannel.open(
            file, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE);
    return new JournalAppender(file, channel);
  }

  @Override
  public void append(byte[] bytes) throws IOException {
    if (mapped && region == null) {
      mapped = mapRegion(size);
    }
    if (!mapped) {
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      while (buffer.hasRemaining()) {
        channel.write(buffer, size + buffer.position());
      }
      size += bytes.length;
      return;
    }
    int offset = 0;
    while (offset < bytes.length) {
      if (!region.hasRemaining()) {
        unmap(region);
        region = null;
        if (!mapRegion(size)) {
          throw new IOException("cannot map the next region of " + file);
        }
      }
      int chunk = Math.min(region.remaining(), bytes.length - offset);
      try {
        region.put(bytes, offset, chunk);
      } catch (InternalError e) {
        throw new IOException("cannot write to " + file + " (a fault in its memory mapping)", e);
      }
      offset += chunk;
      size += chunk;
    }
  }

  /** Bytes appended so far. */
  long size() {
    return size;
  }

  /** Cuts the file to what was appended and closes it. */
  @Override
  public void close() throws IOException {
    try {
      if (region != null) {
        unmap(region);
        region = null;
      }
      channel.truncate(size);
    } finally {
      channel.close();
    }
  }

  private boolean mapRegion(long start) throws IOException {
    allocate(start);
    try {
      region = channel.map(FileChannel.MapMode.READ_WRITE, start, REGION_BYTES);
      regionStart = start;
      return true;
    } catch (UnsupportedOperationException | IOException e) {
      if (regionStart == 0 && size == 0) {
        return false; // this file system cannot map files: write instead
      }
      throw e;
    }
  }

  /**
   * Writes the region's zeros before mapping it, so that a full disk fails here with an {@link
   * IOException} instead of later, inside a memory copy, with a fault.
   */
  private void allocate(long start) throws IOException {
    ByteBuffer zeros = ByteBuffer.allocate(ZEROS_BYTES);
    for (long at = start; at < start + REGION_BYTES; at += ZEROS_BYTES) {
      zeros.clear();
      while (zeros.hasRemaining()) {
        channel.write(zeros, at + zeros.position());
      }
    }
  }

  /**
   * Releases a region at once instead of when the collector finds it, so that the process keeps one
   * region resident however long the recording; harmless where the JDK does not allow it.
   */
  private static void unmap(MappedByteBuffer buffer) {
    Method cleaner = Unmapper.INVOKE_CLEANER;
    if (cleaner == null) {
      return;
    }
    try {
      cleaner.invoke(Unmapper.UNSAFE, buffer);
    } catch (ReflectiveOperationException | RuntimeException e) {
      // Left to the garbage collector.
    }
  }

  /** {@code sun.misc.Unsafe.invokeCleaner}, looked up once; null where it is not available. */
  private static final class Unmapper {
    static final Object UNSAFE;
    static final Method INVOKE_CLEANER;

    static {
      Object unsafe = null;
      Method invokeCleaner = null;
      try {
        Class<?> type = Class.forName("sun.misc.Unsafe");
        Field field = type.getDeclaredField("theUnsafe");
        field.setAccessible(true);
        unsafe = field.get(null);
        invokeCleaner = type.getMethod("invokeCleaner", ByteBuffer.class);
      } catch (ReflectiveOperationException | RuntimeException e) {
        unsafe = null;
        invokeCleaner = null;
      }
      UNSAFE = unsafe;
      INVOKE_CLEANER = invokeCleaner;
    }
  }
}
