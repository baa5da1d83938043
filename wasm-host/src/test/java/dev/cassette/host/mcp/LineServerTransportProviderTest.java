package dev.cassette.host.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LineServerTransportProviderTest {

  /** 'a' bytes without a newline, made as they are read, counting how many were read. */
  private static final class EndlessLine extends InputStream {
    private final long length;
    private volatile long consumed;

    EndlessLine(long length) {
      this.length = length;
    }

    @Override
    public int read() {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0];
    }

    @Override
    public synchronized int read(byte[] b, int off, int len) {
      if (consumed == length) {
        return -1;
      }
      int n = (int) Math.min(len, length - consumed);
      Arrays.fill(b, off, off + n, (byte) 'a');
      consumed += n;
      return n;
    }
  }

  @Test
  void aClientLineLongerThanTheLimitIsRefusedBeforeMoreThanTheLimitIsRead() throws Exception {
    EndlessLine in = new EndlessLine(64L * 1024 * 1024);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    List<String> diagnostics = new CopyOnWriteArrayList<>();
    List<Long> consumedAtDiagnostic = new CopyOnWriteArrayList<>();
    McpJsonMapper mapper = McpJsonDefaults.getMapper();
    LineServerTransportProvider provider =
        new LineServerTransportProvider(
            mapper,
            in,
            out,
            line -> {
              diagnostics.add(line);
              consumedAtDiagnostic.add(in.consumed);
            });
    McpSyncServer server =
        McpServer.sync(provider).serverInfo("limits", "1").jsonMapper(mapper).build();
    try {
      provider.terminated().get(60, TimeUnit.SECONDS);
    } finally {
      server.close();
    }

    assertThat(diagnostics.get(0))
        .contains("line 1 from client is longer than the limit of 16777216 bytes");
    assertThat(consumedAtDiagnostic.get(0)).isLessThanOrEqualTo(17L * 1024 * 1024);
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"code\":-32700");
  }
}
