package dev.cassette.proxy.transport;

import java.io.Flushable;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * Splits a byte stream into newline-delimited lines, byte for byte.
 *
 * <p>Only {@code '\n'} ends a line; every other byte (a {@code '\r'} included) stays in the line.
 * Reads are large and buffered, and the only allocation per line is the returned copy. A final line
 * without a newline is returned at end of stream. Not thread-safe: one reader thread per stream.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class LineReader {

  private static final int READ_SIZE = 64 * 1024;

  private final InputStream in;
  private final String source;
  private final int maxLineBytes;
  private final Flushable beforeRead;
  private byte[] buffer;
  private int start;
  private int end;
  private long lineNumber;
  private boolean discarding;
  private boolean eof;

  /**
   * Creates a reader.
   *
   * @param in the stream to read
   * @param source who writes the stream, for error messages (for example {@code "client"})
   * @param maxLineBytes the longest line accepted, in bytes
   */
  public LineReader(InputStream in, String source, int maxLineBytes) {
    this(in, source, maxLineBytes, null);
  }

  /**
   * Creates a reader that calls {@code beforeRead} before each read from the stream, that is
   * whenever no complete line is buffered; a relay uses it to flush what it wrote before it may
   * block.
   *
   * @param in the stream to read
   * @param source who writes the stream, for error messages (for example {@code "client"})
   * @param maxLineBytes the longest line accepted, in bytes
   * @param beforeRead called before each read from {@code in}, or {@code null}; its {@link
   *     IOException} is thrown by {@link #readLine()}
   */
  public LineReader(InputStream in, String source, int maxLineBytes, Flushable beforeRead) {
    this.beforeRead = beforeRead;
    this.in = Objects.requireNonNull(in, "in");
    this.source = Objects.requireNonNull(source, "source");
    if (maxLineBytes < 1) {
      throw new IllegalArgumentException("maxLineBytes must be positive but was " + maxLineBytes);
    }
    this.maxLineBytes = maxLineBytes;
    this.buffer = new byte[READ_SIZE];
  }

  /**
   * Reads the next line.
   *
   * @return the line's bytes without the {@code '\n'}, or {@code null} at end of stream
   * @throws LineTooLongException if the line is longer than the limit; the rest of it is skipped
   *     and the next call returns the line after it
   * @throws IOException if reading fails
   */
  public byte[] readLine() throws IOException {
    int scanned = 0;
    while (true) {
      int newline = indexOfNewline(start + scanned, end);
      if (newline >= 0) {
        if (discarding) {
          discarding = false;
          start = newline + 1;
          scanned = 0;
          continue;
        }
        return takeLine(newline);
      }
      if (discarding) {
        start = end;
      } else if (end - start > maxLineBytes) {
        lineNumber++;
        discarding = true;
        start = end;
        throw new LineTooLongException(source, lineNumber, maxLineBytes);
      }
      scanned = end - start;
      if (eof || !fill()) {
        eof = true;
        return takeLast();
      }
    }
  }

  /** Whether bytes are buffered (part of a line or more); never reads. */
  public boolean hasBufferedInput() {
    return end > start;
  }

  /** Whether input is available now (buffered, or reported by the stream); never blocks. */
  public boolean inputPending() {
    if (end > start) {
      return true;
    }
    try {
      return !eof && in.available() > 0;
    } catch (IOException e) {
      return false;
    }
  }

  /** How many lines were read so far (including discarded ones). */
  public long lineNumber() {
    return lineNumber;
  }

  private int indexOfNewline(int from, int to) {
    byte[] b = buffer;
    for (int i = from; i < to; i++) {
      if (b[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

  private byte[] takeLine(int newline) throws LineTooLongException {
    lineNumber++;
    int lineStart = start;
    start = newline + 1;
    if (newline - lineStart > maxLineBytes) {
      throw new LineTooLongException(source, lineNumber, maxLineBytes);
    }
    return Arrays.copyOfRange(buffer, lineStart, newline);
  }

  private byte[] takeLast() {
    if (start == end || discarding) {
      start = end;
      discarding = false;
      return null;
    }
    // The final line has no newline; its length was checked before the last fill.
    lineNumber++;
    byte[] line = Arrays.copyOfRange(buffer, start, end);
    start = end;
    return line;
  }

  private boolean fill() throws IOException {
    if (start == end) {
      start = 0;
      end = 0;
      if (buffer.length > 4 * READ_SIZE) {
        buffer = new byte[READ_SIZE]; // give back the room a huge line needed
      }
    } else if (end == buffer.length) {
      compactOrGrow();
    }
    if (beforeRead != null) {
      beforeRead.flush();
    }
    int n = in.read(buffer, end, buffer.length - end);
    if (n < 0) {
      return false;
    }
    end += n;
    return true;
  }

  private void compactOrGrow() {
    int length = end - start;
    if (start > 0) {
      System.arraycopy(buffer, start, buffer, 0, length);
    } else {
      byte[] bigger = new byte[(int) Math.min((long) buffer.length * 2, (long) maxLineBytes + 1)];
      System.arraycopy(buffer, start, bigger, 0, length);
      buffer = bigger;
    }
    start = 0;
    end = length;
  }
}
