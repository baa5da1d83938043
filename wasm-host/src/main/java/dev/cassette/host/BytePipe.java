package dev.cassette.host;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A bounded in-memory byte pipe between threads. Unlike {@link java.io.PipedInputStream} it does
 * not care which threads read and write; closing either end wakes the other.
 */
final class BytePipe {
  private static final int INITIAL_BYTES = 8192;

  private final int capacity;
  private byte[] buffer;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private int head;
  private int size;
  private boolean writerClosed;
  private boolean readerClosed;

  /**
   * A pipe holding at most {@code capacity} bytes not yet read; its buffer starts small and grows
   * as needed (a host start allocates little for the pipes of a short session).
   */
  BytePipe(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be positive, got " + capacity);
    }
    this.capacity = capacity;
    this.buffer = new byte[Math.min(capacity, INITIAL_BYTES)];
  }

  final InputStream input =
      new InputStream() {
        @Override
        public int read() throws IOException {
          byte[] one = new byte[1];
          int n = read(one, 0, 1);
          return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] target, int offset, int length) throws IOException {
          return take(target, offset, length);
        }

        @Override
        public int available() {
          lock.lock();
          try {
            return size;
          } finally {
            lock.unlock();
          }
        }

        @Override
        public void close() {
          closeReader();
        }
      };

  final OutputStream output =
      new OutputStream() {
        @Override
        public void write(int b) throws IOException {
          write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] source, int offset, int length) throws IOException {
          put(source, offset, length);
        }

        @Override
        public void close() {
          closeWriter();
        }
      };

  private int take(byte[] target, int offset, int length) throws IOException {
    if (length == 0) {
      return 0;
    }
    lock.lock();
    try {
      while (size == 0 && !writerClosed && !readerClosed) {
        changed.await();
      }
      if (readerClosed || size == 0) {
        return -1;
      }
      int n = Math.min(length, size);
      int first = Math.min(n, buffer.length - head);
      System.arraycopy(buffer, head, target, offset, first);
      System.arraycopy(buffer, 0, target, offset + first, n - first);
      head = (head + n) % buffer.length;
      size -= n;
      changed.signalAll();
      return n;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted while reading the pipe");
    } finally {
      lock.unlock();
    }
  }

  private void put(byte[] source, int offset, int length) throws IOException {
    lock.lock();
    try {
      int written = 0;
      while (written < length) {
        while (size == capacity && !readerClosed && !writerClosed) {
          changed.await();
        }
        if (readerClosed || writerClosed) {
          throw new IOException("pipe closed");
        }
        grow((int) Math.min(capacity, (long) size + (length - written)));
        int n = Math.min(length - written, buffer.length - size);
        int tail = (head + size) % buffer.length;
        int first = Math.min(n, buffer.length - tail);
        System.arraycopy(source, offset + written, buffer, tail, first);
        System.arraycopy(source, offset + written + first, buffer, 0, n - first);
        size += n;
        written += n;
        changed.signalAll();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted while writing the pipe");
    } finally {
      lock.unlock();
    }
  }

  /** Makes room for {@code needed} bytes (at most the capacity), keeping the unread ones. */
  private void grow(int needed) {
    if (needed <= buffer.length) {
      return;
    }
    int length = buffer.length;
    while (length < needed) {
      length = (int) Math.min(capacity, 2L * length);
    }
    byte[] larger = new byte[length];
    int first = Math.min(size, buffer.length - head);
    System.arraycopy(buffer, head, larger, 0, first);
    System.arraycopy(buffer, 0, larger, first, size - first);
    buffer = larger;
    head = 0;
  }

  void closeWriter() {
    lock.lock();
    try {
      writerClosed = true;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  void closeReader() {
    lock.lock();
    try {
      readerClosed = true;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }
}
