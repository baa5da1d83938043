package dev.cassette.proxy.record;

import java.io.IOException;

/** Where a {@link JournalWriter}'s lines go: a {@link JournalAppender}, or a test's stand-in. */
interface JournalSink extends AutoCloseable {

  /** Appends all of {@code bytes}. */
  void append(byte[] bytes) throws IOException;

  @Override
  void close() throws IOException;
}
