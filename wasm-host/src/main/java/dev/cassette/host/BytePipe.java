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
  private final byte[] buffer;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private int head;
  private int size;
  private boolean writerClosed;
  private boolean readerClosed;

  BytePipe(int capacity) {
    buffer = new byte[capacity];
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
      for (int i = 0; i < n; i++) {
        target[offset + i] = buffer[(head + i) % buffer.length];
      }
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
        while (size == buffer.length && !readerClosed && !writerClosed) {
          changed.await();
        }
        if (readerClosed || writerClosed) {
          throw new IOException("pipe closed");
        }
        int n = Math.min(length - written, buffer.length - size);
        for (int i = 0; i < n; i++) {
          buffer[(head + size + i) % buffer.length] = source[offset + written + i];
        }
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
