package dev.cassette.cli;

import dev.cassette.proxy.redact.Redactor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Redacts text line by line on its way to another stream, so that nothing printed during a
 * recording (the session pump's diagnostics with the server's stderr tail, for example) shows a
 * secret.
 */
final class RedactingOutputStream extends OutputStream {

  private final OutputStream target;
  private final Redactor redactor;
  private final ByteArrayOutputStream line = new ByteArrayOutputStream();

  RedactingOutputStream(OutputStream target, Redactor redactor) {
    this.target = target;
    this.redactor = redactor;
  }

  /** A line longer than this is passed on in parts, so a server's endless line costs no memory. */
  static final int MAX_LINE_BYTES = 1024 * 1024;

  @Override
  public synchronized void write(int b) throws IOException {
    line.write(b);
    if (b == '\n' || line.size() >= MAX_LINE_BYTES) {
      emit();
    }
  }

  /** Passes on a last partial line; the target stays open. */
  @Override
  public synchronized void close() throws IOException {
    if (line.size() > 0) {
      emit();
    }
  }

  @Override
  public synchronized void write(byte[] bytes, int offset, int length) throws IOException {
    for (int i = offset; i < offset + length; i++) {
      write(bytes[i]);
    }
  }

  /** Flushes the target; a partial line waits for its end, so a secret is never split. */
  @Override
  public synchronized void flush() throws IOException {
    target.flush();
  }

  private void emit() throws IOException {
    String text = line.toString(StandardCharsets.UTF_8);
    line.reset();
    target.write(redactor.redact(text).getBytes(StandardCharsets.UTF_8));
    target.flush();
  }
}
