package dev.cassette.cli;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** The client's side of the session, noting whether the client closed it (end of input). */
final class ClientEndWatch extends FilterInputStream {

  private volatile boolean ended;

  ClientEndWatch(InputStream in) {
    super(in);
  }

  /** Whether the client closed its output (our input). */
  boolean clientClosed() {
    return ended;
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b < 0) {
      ended = true;
    }
    return b;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    int n = super.read(buffer, offset, length);
    if (n < 0) {
      ended = true;
    }
    return n;
  }
}
