package dev.cassette.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BytePipeTest {
  private static byte[] randomBytes(int length, long seed) {
    byte[] bytes = new byte[length];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  /** Writes {@code data} in chunks of {@code chunk} bytes on another thread, then closes. */
  private static CompletableFuture<Void> writeAll(BytePipe pipe, byte[] data, int chunk) {
    return CompletableFuture.runAsync(
        () -> {
          try {
            for (int at = 0; at < data.length; at += chunk) {
              pipe.output.write(data, at, Math.min(chunk, data.length - at));
            }
            pipe.output.close();
          } catch (IOException e) {
            throw new IllegalStateException(e);
          }
        });
  }

  private static byte[] readAll(BytePipe pipe, int chunk, int capacity) throws IOException {
    ByteArrayOutputStream read = new ByteArrayOutputStream();
    byte[] buffer = new byte[chunk];
    int n;
    while ((n = pipe.input.read(buffer, 0, chunk)) >= 0) {
      assertThat(pipe.input.available()).isLessThanOrEqualTo(capacity);
      read.write(buffer, 0, n);
    }
    return read.toByteArray();
  }

  @Test
  void carriesEveryByteInOrderWhileItsBufferGrows() throws Exception {
    byte[] data = randomBytes(300_000, 1);
    BytePipe pipe = new BytePipe(1 << 20);
    CompletableFuture<Void> writer = writeAll(pipe, data, 10_007);
    assertThat(readAll(pipe, 4_093, 1 << 20)).isEqualTo(data);
    writer.get(10, TimeUnit.SECONDS);
  }

  @Test
  void holdsAtMostItsCapacityWrappingAround() throws Exception {
    byte[] data = randomBytes(5_000, 2);
    BytePipe pipe = new BytePipe(16);
    CompletableFuture<Void> writer = writeAll(pipe, data, 37);
    assertThat(readAll(pipe, 7, 16)).isEqualTo(data);
    writer.get(10, TimeUnit.SECONDS);
  }

  @Test
  void aClosedReaderFailsTheWriter() throws Exception {
    BytePipe pipe = new BytePipe(8);
    pipe.input.close();
    CompletableFuture<Void> writer = writeAll(pipe, new byte[20], 20);
    assertThat(writer)
        .failsWithin(10, TimeUnit.SECONDS)
        .withThrowableThat()
        .havingRootCause()
        .withMessage("pipe closed");
  }
}
