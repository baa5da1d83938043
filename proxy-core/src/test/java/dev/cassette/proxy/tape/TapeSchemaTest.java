package dev.cassette.proxy.tape;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.cassette.proxy.jsonrpc.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/** Checks that {@code docs/tape.schema.json} agrees with the codec. */
class TapeSchemaTest {

  private static final Path SCHEMA = Path.of("..", "docs", "tape.schema.json");

  private static final Schema TAPE_SCHEMA = loadSchema();

  private static Schema loadSchema() {
    try (InputStream in = Files.newInputStream(SCHEMA)) {
      return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + SCHEMA.toAbsolutePath(), e);
    }
  }

  static List<String> errors(JsonNode tape) {
    return TAPE_SCHEMA.validate(tape).stream().map(Error::toString).toList();
  }

  static Stream<Path> fixtures(String folder) throws IOException {
    Path root =
        TapeFixtures.path(folder.isEmpty() ? "full.tape.json" : folder + "/empty.tape.json")
            .getParent();
    try (Stream<Path> files = Files.list(root)) {
      return files.filter(f -> f.toString().endsWith(".tape.json")).sorted().toList().stream();
    }
  }

  static Stream<Path> goodFixtures() throws IOException {
    return fixtures("");
  }

  /** The broken tapes that are JSON (the others never reach a schema). */
  static Stream<Path> brokenJsonFixtures() throws IOException {
    return fixtures("broken").filter(TapeSchemaTest::isJson);
  }

  private static boolean isJson(Path file) {
    try {
      String text = Files.readString(file);
      return !text.isBlank() && Json.parse(text) != null;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (RuntimeException notJson) {
      return false;
    }
  }

  @Test
  void theBrokenFixturesIncludeJsonAndNonJsonTapes() throws IOException {
    assertThat(brokenJsonFixtures().map(f -> f.getFileName().toString()))
        .containsExactlyInAnyOrder(
            "client-not-jsonrpc.tape.json",
            "exchange-without-client.tape.json",
            "exchanges-not-array.tape.json",
            "newer-version.tape.json",
            "no-version.tape.json");
  }

  @ParameterizedTest
  @MethodSource("goodFixtures")
  void everyFixtureTapeIsValid(Path fixture) throws TapeFormatException, IOException {
    TapeCodec.read(fixture);

    assertThat(errors(Json.parse(Files.readString(fixture)))).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("brokenJsonFixtures")
  void everyBrokenTapeThatIsJsonBreaksTheSchemaToo(Path fixture) throws IOException {
    assertThat(errors(Json.parse(Files.readString(fixture)))).isNotEmpty();
  }

  @Test
  void tapesTheCodecWritesAreValid(@TempDir Path folder) throws Exception {
    for (Path fixture : goodFixtures().toList()) {
      Path copy = folder.resolve(fixture.getFileName());
      TapeCodec.write(TapeCodec.read(fixture), copy);

      assertThat(errors(Json.parse(Files.readString(copy)))).as(fixture.toString()).isEmpty();
    }
  }

  @Test
  void theExampleInTheFormatDocumentIsACanonicalValidTape() throws Exception {
    String document = Files.readString(Path.of("..", "docs", "tape-format.md"));
    int start = document.indexOf("```json\n") + "```json\n".length();
    String example = document.substring(start, document.indexOf("```", start));

    Tape tape = TapeCodec.read(example, "tape-format.md");

    assertThat(TapeCodec.toJson(tape)).isEqualTo(example);
    assertThat(errors(Json.parse(example))).isEmpty();
    assertThat(tape.exchanges()).hasSize(1);
  }

  @Test
  void theSchemaNamesWhatIsWrong() {
    JsonNode tape =
        Json.parse(
            "{\"cassette\": 2, \"name\": \"n\", \"exchanges\": [{\"client\": {\"jsonrpc\": \"2.0\","
                + " \"method\": 42}}]}");

    assertThat(String.join("\n", errors(tape)))
        .contains("/cassette")
        .contains("/exchanges/0/client");
  }
}
