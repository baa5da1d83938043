package dev.cassette.proxy.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LineReaderTest {

  @Test
  void splitsOnlyOnNewlineAndKeepsEveryOtherByte() throws IOException {
    byte[] input = {'a', '\r', '\n', '\n', (byte) 0xff, 0, ' ', '\n', 'z'};
    LineReader reader = new LineReader(new ByteArrayInputStream(input), "client", 100);
    assertThat(reader.readLine()).containsExactly('a', '\r');
    assertThat(reader.readLine()).isEmpty();
    assertThat(reader.readLine()).containsExactly((byte) 0xff, 0, ' ');
    assertThat(reader.readLine()).containsExactly('z');
    assertThat(reader.readLine()).isNull();
    assertThat(reader.readLine()).isNull();
    assertThat(reader.lineNumber()).isEqualTo(4);
  }

  @Test
  void emptyStreamHasNoLines() throws IOException {
    LineReader reader = new LineReader(new ByteArrayInputStream(new byte[0]), "client", 100);
    assertThat(reader.readLine()).isNull();
  }

  @Test
  void readsLinesLargerThanItsBufferAndAcrossTinyReads() throws IOException {
    Random random = new Random(42);
    List<byte[]> lines = new ArrayList<>();
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    for (int size : new int[] {0, 1, 65_535, 65_536, 65_537, 300_000, 7, 1_000_000}) {
      byte[] line = new byte[size];
      random.nextBytes(line);
      for (int i = 0; i < size; i++) {
        if (line[i] == '\n') {
          line[i] = 'n';
        }
      }
      lines.add(line);
      all.writeBytes(line);
      all.write('\n');
    }
    for (InputStream in :
        List.of(new ByteArrayInputStream(all.toByteArray()), trickle(all.toByteArray(), 4093))) {
      LineReader reader = new LineReader(in, "server 'x'", 2_000_000);
      for (byte[] expected : lines) {
        assertThat(Arrays.equals(reader.readLine(), expected)).isTrue();
      }
      assertThat(reader.readLine()).isNull();
    }
  }

  @Test
  void lineOverTheLimitIsReportedAndSkipped() throws IOException {
    String input = "ok\n" + "x".repeat(200_000) + "\nafter\n" + "y".repeat(11) + "\nlast";
    LineReader reader =
        new LineReader(trickle(input.getBytes(StandardCharsets.UTF_8), 1000), "server 'node'", 10);
    assertThat(reader.readLine()).asString(StandardCharsets.UTF_8).isEqualTo("ok");
    assertThatThrownBy(reader::readLine)
        .isInstanceOf(LineTooLongException.class)
        .hasMessage(
            "line 2 from server 'node' is longer than the limit of 10 bytes"
                + "; the line was discarded")
        .satisfies(
            e -> {
              LineTooLongException tooLong = (LineTooLongException) e;
              assertThat(tooLong.lineNumber()).isEqualTo(2);
              assertThat(tooLong.limit()).isEqualTo(10);
              assertThat(tooLong.source()).isEqualTo("server 'node'");
            });
    assertThat(reader.readLine()).asString(StandardCharsets.UTF_8).isEqualTo("after");
    assertThatThrownBy(reader::readLine).hasMessageStartingWith("line 4 from server 'node'");
    assertThat(reader.readLine()).asString(StandardCharsets.UTF_8).isEqualTo("last");
    assertThat(reader.readLine()).isNull();
  }

  @Test
  void lineOfExactlyTheLimitPasses() throws IOException {
    LineReader reader =
        new LineReader(new ByteArrayInputStream("abcde\nabcdef\n".getBytes()), "client", 5);
    assertThat(reader.readLine()).hasSize(5);
    assertThatThrownBy(reader::readLine).isInstanceOf(LineTooLongException.class);
    assertThat(reader.readLine()).isNull();
  }

  @Test
  void unterminatedOverlongLastLineIsReportedThenEndOfStream() throws IOException {
    LineReader reader =
        new LineReader(new ByteArrayInputStream("z".repeat(100).getBytes()), "client", 5);
    assertThatThrownBy(reader::readLine).isInstanceOf(LineTooLongException.class);
    assertThat(reader.readLine()).isNull();
  }

  @Test
  void callsBeforeReadOnlyWhenNoCompleteLineIsBuffered() throws IOException {
    int[] calls = {0};
    LineReader reader =
        new LineReader(
            new ByteArrayInputStream("a\nb\nc".getBytes()), "client", 100, () -> calls[0]++);
    reader.readLine();
    assertThat(calls[0]).isEqualTo(1);
    reader.readLine();
    assertThat(calls[0]).isEqualTo(1);
    assertThat(reader.inputPending()).isTrue();
    reader.readLine();
    reader.readLine();
    assertThat(calls[0]).isGreaterThan(1);
    assertThat(reader.inputPending()).isFalse();
  }

  @Test
  void rejectsBadArguments() {
    assertThatThrownBy(() -> new LineReader(InputStream.nullInputStream(), "client", 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxLineBytes must be positive but was 0");
  }

  /** A stream that hands out at most {@code chunk} bytes per read. */
  private static InputStream trickle(byte[] bytes, int chunk) {
    return new ByteArrayInputStream(bytes) {
      @Override
      public synchronized int read(byte[] b, int off, int len) {
        return super.read(b, off, Math.min(len, chunk));
      }
    };
  }
}
