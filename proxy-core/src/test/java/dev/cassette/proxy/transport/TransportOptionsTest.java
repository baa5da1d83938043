package dev.cassette.proxy.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TransportOptionsTest {

  @Test
  void defaults() {
    TransportOptions options = TransportOptions.defaults();
    assertThat(options.maxLineBytes()).isEqualTo(16 * 1024 * 1024);
    assertThat(options.shutdownGrace()).isEqualTo(Duration.ofSeconds(2));
    assertThat(options.receiveTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(options.diagnosticsTailLines()).isEqualTo(64);
    assertThat(options.diagnosticsTailBytes()).isEqualTo(16 * 1024);
  }

  @Test
  void withersChangeOneSetting() {
    TransportOptions options =
        TransportOptions.defaults()
            .withMaxLineBytes(10)
            .withShutdownGrace(Duration.ofMillis(5))
            .withReceiveTimeout(Duration.ofSeconds(1))
            .withDiagnosticsTail(2, 100);
    assertThat(options)
        .isEqualTo(new TransportOptions(10, Duration.ofMillis(5), Duration.ofSeconds(1), 2, 100));
  }

  @Test
  void rejectsBadValuesNamingThem() {
    assertThatThrownBy(() -> TransportOptions.defaults().withMaxLineBytes(-1))
        .hasMessage("maxLineBytes must be positive but was -1");
    assertThatThrownBy(() -> TransportOptions.defaults().withShutdownGrace(Duration.ZERO))
        .hasMessage("shutdownGrace must be positive but was PT0S");
    assertThatThrownBy(() -> TransportOptions.defaults().withReceiveTimeout(null))
        .hasMessage("receiveTimeout");
    assertThatThrownBy(() -> TransportOptions.defaults().withDiagnosticsTail(0, 1))
        .hasMessage("diagnosticsTailLines must be positive but was 0");
  }

  @Test
  void diagnosticsTailKeepsTheLastLinesWithinBounds() {
    DiagnosticsTail tail = new DiagnosticsTail(3, 20);
    for (int i = 1; i <= 5; i++) {
      tail.append("line " + i);
    }
    assertThat(tail.text()).isEqualTo("line 4\nline 5");
    tail.append("x".repeat(50));
    assertThat(tail.text()).isEqualTo("x".repeat(20));
  }
}
