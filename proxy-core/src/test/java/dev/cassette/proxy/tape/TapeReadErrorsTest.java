package dev.cassette.proxy.tape;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Tapes that cannot be read say where and why: bad UTF-8, match paths that mean nothing. */
class TapeReadErrorsTest {

  @TempDir Path dir;

  private static String tape(String match) {
    return "{\n"
        + "  \"cassette\": 1,\n"
        + "  \"name\": \"paths\",\n"
        + "  \"match\": "
        + match
        + ",\n"
        + "  \"exchanges\": []\n"
        + "}\n";
  }

  @Test
  void invalidUtf8IsNamedByLineColumnAndByteOffset() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.write("{\n  \"cassette\": 1,\n  \"name\": \"caf".getBytes(StandardCharsets.UTF_8));
    bytes.write(0xC3); // the first byte of 'é' without its second
    bytes.write("\",\n  \"exchanges\": []\n}\n".getBytes(StandardCharsets.UTF_8));
    Path file = dir.resolve("latin.tape.json");
    Files.write(file, bytes.toByteArray());

    TapeFormatException error =
        catchThrowableOfType(TapeFormatException.class, () -> TapeCodec.read(file));

    assertThat(error)
        .hasMessage(
            file
                + ":3:15: not UTF-8 text: invalid byte sequence 0xC3 at byte offset 33;"
                + " tapes are UTF-8");
    assertThat(error.position()).isEqualTo(new SourcePosition(3, 15));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "\"$.result[\"|'[' at character 9 is not closed",
        "[\"id\", \"$.result..time\"]|a field name is missing at character 10",
        "\"$.result['time']\"|['time'] at character 9 is not an array index",
        "\"result]\"|']' at character 7 closes no '['",
        "\"$result\"|'$' must be followed by '.' or '['",
      })
  void anIgnorePathThatIsNotAPathMakesTheTapeUnreadable(String paths, String problem) {
    TapeFormatException error =
        catchThrowableOfType(
            TapeFormatException.class,
            () -> TapeCodec.read(tape("{ \"ignorePaths\": " + paths + " }"), "paths.tape.json"));

    assertThat(error).hasMessageStartingWith("paths.tape.json:4:");
    assertThat(error.reason()).contains("match.ignorePaths").contains("is not a path: " + problem);
  }

  @Test
  void validPathsAreAccepted() throws Exception {
    String paths =
        "[\"id\", \"$\", \"$.result.content[0].text\", \"result.tools[*].name\", \"$[0].id\","
            + " \"$.a\\\\\\\\.b\"]";
    Tape read =
        TapeCodec.read(
            tape("{ \"ignorePaths\": " + paths + ", \"ignoreArrayOrder\": [\"$.result.tools\"] }"),
            "ok.tape.json");

    assertThat(read.match().get("ignorePaths")).hasSize(6);
  }

  @Test
  void anIgnoreArrayOrderPathIsCheckedToo() {
    TapeFormatException error =
        catchThrowableOfType(
            TapeFormatException.class,
            () ->
                TapeCodec.read(
                    tape("{ \"ignoreArrayOrder\": [\"$.result.tools[\"] }"), "order.tape.json"));

    assertThat(error.reason())
        .isEqualTo(
            "match.ignoreArrayOrder[0] \"$.result.tools[\" is not a path: '[' at character 15"
                + " is not closed");
  }
}
