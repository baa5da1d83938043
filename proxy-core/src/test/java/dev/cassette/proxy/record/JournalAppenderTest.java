package dev.cassette.proxy.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalAppenderTest {

  @TempDir Path dir;

  @Test
  void keepsEveryByteAcrossRegionsAndCutsTheFileOnClose() throws Exception {
    Path file = dir.resolve("j");
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    try (JournalAppender appender = JournalAppender.create(file)) {
      byte[] line = "{\"n\":\"0123456789abcdef\"}\n".getBytes(StandardCharsets.US_ASCII);
      byte[] huge = new byte[JournalAppender.REGION_BYTES * 2 + 17];
      Arrays.fill(huge, (byte) 'x');
      huge[huge.length - 1] = '\n';
      for (int i = 0; i < JournalAppender.REGION_BYTES / line.length + 3; i++) {
        appender.append(line);
        expected.write(line);
      }
      appender.append(huge);
      expected.write(huge);
      assertThat(appender.size()).isEqualTo(expected.size());
    }
    assertThat(Files.readAllBytes(file)).isEqualTo(expected.toByteArray());
  }

  @Test
  void whatIsAppendedIsInTheFileBeforeCloseFollowedByZeros() throws Exception {
    Path file = dir.resolve("live");
    JournalAppender appender = JournalAppender.create(file);
    appender.append("{\"a\":1}\n".getBytes(StandardCharsets.US_ASCII));

    byte[] seen = Files.readAllBytes(file);
    assertThat(new String(seen, 0, 8, StandardCharsets.US_ASCII)).isEqualTo("{\"a\":1}\n");
    assertThat(seen.length).isEqualTo(JournalAppender.REGION_BYTES);
    assertThat(seen[8]).isZero();
    appender.close();
    assertThat(Files.size(file)).isEqualTo(8);
  }

  @Test
  void refusesAnExistingFile() throws Exception {
    Path file = Files.writeString(dir.resolve("taken"), "earlier");

    assertThatThrownBy(() -> JournalAppender.create(file))
        .isInstanceOf(FileAlreadyExistsException.class);
    assertThat(Files.readString(file)).isEqualTo("earlier");
  }
}
