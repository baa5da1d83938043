package dev.cassette.proxy.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cassette.proxy.jsonrpc.Json;
import dev.cassette.proxy.tape.Exchange;
import dev.cassette.proxy.tape.SourcePosition;
import dev.cassette.proxy.tape.Tape;
import dev.cassette.proxy.transport.LineTooLongException;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What bounds {@code cassette serve}'s input: the length of a client line. (The time a regex
 * placeholder may take is the engine matcher's: see {@code ClientMessageMatcherTest}.)
 */
class TapeServerLimitsTest {

  private static Tape tape(String client) {
    Exchange exchange =
        new Exchange(
            Json.parse(client),
            Json.parse("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}"),
            List.of(),
            List.of(),
            1,
            null,
            null,
            new SourcePosition(3, 5));
    return new Tape(1, "limits", List.of(), null, null, List.of(), null, List.of(exchange), null);
  }

  /** 'a' bytes without a newline, made as they are read, counting how many were read. */
  static final class EndlessLine extends InputStream {
    private final long length;
    long consumed;

    EndlessLine(long length) {
      this.length = length;
    }

    @Override
    public int read() {
      if (consumed == length) {
        return -1;
      }
      consumed++;
      return 'a';
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (consumed == length) {
        return -1;
      }
      int n = (int) Math.min(len, length - consumed);
      java.util.Arrays.fill(b, off, off + n, (byte) 'a');
      consumed += n;
      return n;
    }
  }

  @Test
  void aLineLongerThanTheLimitFailsBeforeMoreThanTheLimitIsRead() {
    EndlessLine in = new EndlessLine(64L * 1024 * 1024);

    assertThatThrownBy(
            () ->
                new TapeServer(tape("{\"id\":1,\"method\":\"ping\"}"), new EqualityMatcher())
                    .serve(in, new ByteArrayOutputStream()))
        .isInstanceOf(LineTooLongException.class)
        .hasMessageContaining("line 1 from client is longer than the limit of 16777216 bytes");
    assertThat(in.consumed).isLessThanOrEqualTo(16L * 1024 * 1024 + 1024 * 1024);
  }
}
