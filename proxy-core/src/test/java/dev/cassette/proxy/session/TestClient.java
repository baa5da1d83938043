package dev.cassette.proxy.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cassette.proxy.transport.LineReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** An in-JVM MCP client on real OS pipes: what it writes the pump reads, and the other way. */
final class TestClient implements AutoCloseable {

  private final Pipe toPump;
  private final Pipe fromPump;
  private final OutputStream out;
  private final LinkedBlockingQueue<byte[]> received = new LinkedBlockingQueue<>();
  private final List<byte[]> all = Collections.synchronizedList(new ArrayList<>());
  private final CountDownLatch endOfOutput = new CountDownLatch(1);

  TestClient() throws IOException {
    this(true);
  }

  /** A client; one that {@code reads == false} never reads what the pump writes. */
  TestClient(boolean reads) throws IOException {
    toPump = Pipe.open();
    fromPump = Pipe.open();
    out = Channels.newOutputStream(toPump.sink());
    if (reads) {
      Thread reader = new Thread(this::readAll, "test-client-reader");
      reader.setDaemon(true);
      reader.start();
    }
  }

  /** What the pump reads as the client's input. */
  InputStream pumpInput() {
    return Channels.newInputStream(toPump.source());
  }

  /** Where the pump writes for the client. */
  OutputStream pumpOutput() {
    return Channels.newOutputStream(fromPump.sink());
  }

  void send(String json) throws IOException {
    send(json.getBytes(StandardCharsets.UTF_8));
  }

  void send(byte[] line) throws IOException {
    byte[] framed = new byte[line.length + 1];
    System.arraycopy(line, 0, framed, 0, line.length);
    framed[line.length] = '\n';
    out.write(framed);
  }

  /** Closes the client's output: end of input for the pump. */
  void endInput() throws IOException {
    out.close();
  }

  /** The next line the client received, waiting at most {@code timeout}. */
  byte[] next(Duration timeout) throws InterruptedException {
    byte[] line = received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    assertThat(line).as("a line for the client within %s", timeout).isNotNull();
    return line;
  }

  /** Waits until the client received this text in a line, returning that line. */
  byte[] nextContaining(String text, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      byte[] line = next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
      if (new String(line, StandardCharsets.UTF_8).contains(text)) {
        return line;
      }
    }
  }

  /** Whether the pump closed the client's input (end of stream seen) within {@code timeout}. */
  boolean awaitEndOfOutput(Duration timeout) throws InterruptedException {
    return endOfOutput.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Every line received so far, in order. */
  List<byte[]> allReceived() {
    synchronized (all) {
      return List.copyOf(all);
    }
  }

  private void readAll() {
    LineReader reader =
        new LineReader(Channels.newInputStream(fromPump.source()), "pump", Integer.MAX_VALUE - 16);
    try {
      byte[] line;
      while ((line = reader.readLine()) != null) {
        all.add(line);
        received.add(line);
      }
    } catch (IOException e) {
      // The pipe broke: treat as end of output.
    } finally {
      endOfOutput.countDown();
    }
  }

  @Override
  public void close() throws IOException {
    out.close();
    fromPump.source().close();
  }
}
