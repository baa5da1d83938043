package dev.cassette.proxy.tape;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TapeStreamWriterTest {

  @TempDir Path folder;

  @ParameterizedTest
  @MethodSource("dev.cassette.proxy.tape.TapeFixtures#canonical")
  void writesTheSameBytesAsTheCodec(String fixture) throws Exception {
    Tape tape = TapeCodec.read(TapeFixtures.text(fixture), fixture);
    Path file = folder.resolve("streamed/" + fixture);

    try (TapeStreamWriter writer = TapeStreamWriter.open(tape.withExchanges(List.of()), file)) {
      for (Exchange exchange : tape.exchanges()) {
        writer.append(exchange);
      }
      writer.commit();
    }

    assertThat(Files.readString(file, StandardCharsets.UTF_8))
        .isEqualTo(TapeFixtures.text(fixture));
    try (var files = Files.list(file.getParent())) {
      assertThat(files).containsExactly(file);
    }
  }

  @Test
  void closingWithoutCommitLeavesTheOldTapeAndNoTemporaryFile() throws Exception {
    Path file = folder.resolve("t.tape.json");
    Tape old = TapeCodec.read(TapeFixtures.text("minimal.tape.json"), "minimal");
    TapeCodec.write(old, file);
    Tape full = TapeCodec.read(TapeFixtures.text("full.tape.json"), "full");

    try (TapeStreamWriter writer = TapeStreamWriter.open(full, file)) {
      writer.append(full.exchanges().get(0));
    }

    assertThat(Files.readString(file)).isEqualTo(TapeFixtures.text("minimal.tape.json"));
    try (var files = Files.list(folder)) {
      assertThat(files).containsExactly(file);
    }
  }

  @Test
  void refusesToAppendAfterCommit() throws IOException {
    Path file = folder.resolve("t.tape.json");
    Tape tape = new Tape(1, "t", null, null, null, null, null, List.of(), null);
    TapeStreamWriter writer = TapeStreamWriter.open(tape, file);
    writer.commit();

    assertThatThrownBy(
            () ->
                writer.append(
                    new Exchange(
                        dev.cassette.proxy.jsonrpc.Json.parse(
                            "{\"jsonrpc\":\"2.0\",\"method\":\"x\"}"),
                        null,
                        null,
                        null,
                        -1,
                        null,
                        null,
                        null)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("the tape writer for " + file.toAbsolutePath() + " is closed");
    writer.close();
    assertThat(Files.readString(file)).isEqualTo(TapeCodec.toJson(tape));
  }
}
