package dev.cassette.proxy.tape;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cassette.proxy.jsonrpc.Json;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class TapeCodecTest {

  @Nested
  class RoundTrip {

    @ParameterizedTest
    @ValueSource(strings = {"full.tape.json", "extensions.tape.json", "minimal.tape.json"})
    void readingThenWritingGivesTheSameBytes(String fixture) throws TapeFormatException {
      String text = TapeFixtures.text(fixture);

      Tape tape = TapeCodec.read(text, fixture);

      assertThat(TapeCodec.toJson(tape)).isEqualTo(text);
    }

    @Test
    void writingTheSameTapeTwiceGivesIdenticalBytes() throws TapeFormatException {
      Tape tape = TapeCodec.read(TapeFixtures.text("full.tape.json"), "full.tape.json");

      assertThat(TapeCodec.toJson(tape)).isEqualTo(TapeCodec.toJson(tape));
      assertThat(TapeCodec.toJson(tape.withExchanges(List.copyOf(tape.exchanges()))))
          .isEqualTo(TapeCodec.toJson(tape));
    }

    @Test
    void aTapeReadBackEqualsTheTapeWrittenApartFromPositions() throws TapeFormatException {
      Tape tape = TapeCodec.read(TapeFixtures.text("full.tape.json"), "full.tape.json");

      Tape again = TapeCodec.read(TapeCodec.toJson(tape), "again");

      assertThat(again.exchanges()).hasSameSizeAs(tape.exchanges());
      for (int i = 0; i < tape.exchanges().size(); i++) {
        assertThat(again.exchanges().get(i).withoutPosition())
            .isEqualTo(tape.exchanges().get(i).withoutPosition());
      }
      assertThat(again.server()).isEqualTo(tape.server());
      assertThat(again.components()).isEqualTo(tape.components());
      assertThat(again.recorded()).isEqualTo(tape.recorded());
    }

    @Test
    void changingOneResponseChangesOnlyItsLines() throws TapeFormatException {
      String text = TapeFixtures.text("full.tape.json");
      Tape tape = TapeCodec.read(text, "full.tape.json");
      Exchange first = tape.exchanges().get(0);
      ObjectNode response = (ObjectNode) first.response().deepCopy();
      ((ObjectNode) response.get("result").get("serverInfo")).put("version", "0.3.5");
      List<Exchange> exchanges = new java.util.ArrayList<>(tape.exchanges());
      exchanges.set(
          0,
          new Exchange(
              first.client(),
              response,
              first.notifications(),
              first.serverRequests(),
              first.elapsedMillis(),
              first.match(),
              first.extensions(),
              null));

      String[] before = text.split("\n", -1);
      String[] after = TapeCodec.toJson(tape.withExchanges(exchanges)).split("\n", -1);

      assertThat(after).hasSameSizeAs(before);
      List<Integer> changed = new java.util.ArrayList<>();
      for (int i = 0; i < before.length; i++) {
        if (!before[i].equals(after[i])) {
          changed.add(i + 1);
        }
      }
      assertThat(changed).containsExactly(69);
      assertThat(after[68]).isEqualTo("            \"version\": \"0.3.5\"");
    }

    @Test
    void writesTheLayoutByteForByte() {
      Tape tape =
          new Tape(
              1,
              "layout",
              List.of(),
              null,
              ServerSpec.stdio(List.of("node", "server.js")),
              List.of(),
              null,
              List.of(
                  new Exchange(
                      Json.parse(
                          "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":{}}"),
                      Json.parse("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}"),
                      List.of(),
                      List.of(),
                      -1,
                      null,
                      null,
                      null)),
              null);

      assertThat(TapeCodec.toJson(tape))
          .isEqualTo(
              """
              {
                "cassette": 1,
                "name": "layout",
                "server": {
                  "transport": "stdio",
                  "command": [
                    "node",
                    "server.js"
                  ]
                },
                "exchanges": [
                  {
                    "client": {
                      "jsonrpc": "2.0",
                      "id": 1,
                      "method": "ping",
                      "params": {}
                    },
                    "response": {
                      "jsonrpc": "2.0",
                      "id": 1,
                      "result": {}
                    }
                  }
                ]
              }
              """);
    }

    @Test
    void writesAnEmptyTapeWithAnEmptyExchangeArray() {
      Tape tape = new Tape(1, "empty", null, null, null, null, null, List.of(), null);

      assertThat(TapeCodec.toJson(tape))
          .isEqualTo("{\n  \"cassette\": 1,\n  \"name\": \"empty\",\n  \"exchanges\": []\n}\n");
    }
  }

  @Nested
  class Exactness {

    private JsonNode structured() throws TapeFormatException {
      Tape tape = TapeCodec.read(TapeFixtures.text("full.tape.json"), "full.tape.json");
      return tape.exchanges()
          .get(2)
          .response()
          .get("result")
          .get("structuredContent")
          .get("result");
    }

    @Test
    void keepsBigIntegersExact() throws TapeFormatException {
      assertThat(structured().get("huge").bigIntegerValue()).isEqualTo(BigInteger.TWO.pow(70));
    }

    @Test
    void keepsDecimalsWithTheirScale() throws TapeFormatException {
      assertThat(structured().get("temperature").decimalValue()).isEqualTo(new BigDecimal("1.10"));
      assertThat(structured().get("big").decimalValue()).isEqualTo(new BigDecimal("1e400"));
      assertThat(structured().get("tiny").decimalValue()).isEqualTo(new BigDecimal("1e-400"));
    }

    @Test
    void keepsUnicodeAndEscapedLineSeparators() throws TapeFormatException {
      assertThat(structured().get("city").asString()).isEqualTo("Oslo \uD83C\uDF27 奥斯陆");
      assertThat(structured().get("separator").asString()).isEqualTo("a\u2028b");
    }

    @Test
    void keepsStringAndIntegerIdsApart() throws TapeFormatException {
      Tape tape = TapeCodec.read(TapeFixtures.text("full.tape.json"), "full.tape.json");

      assertThat(tape.exchanges().get(0).client().get("id").isIntegralNumber()).isTrue();
      assertThat(tape.exchanges().get(2).client().get("id").isString()).isTrue();
    }

    @Test
    void keepsKeyOrderInsideRecordedMessages() throws TapeFormatException {
      Tape tape = TapeCodec.read(TapeFixtures.text("full.tape.json"), "full.tape.json");

      assertThat(tape.exchanges().get(0).response().propertyNames())
          .containsExactly("result", "jsonrpc", "id");
    }

    @Test
    void keepsTheSignOfANegativeZero() throws TapeFormatException {
      String tape =
          "{\"cassette\":1,\"name\":\"n\",\"exchanges\":[{\"client\":{\"jsonrpc\":\"2.0\","
              + "\"method\":\"m\",\"params\":{\"z\":-0.0,\"p\":0.0}}}]}";

      String written = TapeCodec.toJson(TapeCodec.read(tape, "inline"));

      assertThat(written).contains("\"z\": -0.0,").contains("\"p\": 0.0");
      assertThat(TapeCodec.toJson(TapeCodec.read(written, "again"))).isEqualTo(written);
    }

    @Test
    void buildsMessagesAsTheSharedMapperDoes() throws TapeFormatException {
      Tape tape = TapeCodec.read(TapeFixtures.text("full.tape.json"), "full.tape.json");

      for (Exchange exchange : tape.exchanges()) {
        assertThat(exchange.client()).isEqualTo(Json.parse(Json.compact(exchange.client())));
        if (exchange.response() != null) {
          assertThat(exchange.response()).isEqualTo(Json.parse(Json.compact(exchange.response())));
        }
      }
    }

    @Test
    void writesNumbersAsTheyWereWritten() throws TapeFormatException {
      String tape =
          "{\"cassette\":1,\"name\":\"n\",\"exchanges\":[{\"client\":{\"jsonrpc\":\"2.0\",\"id\":1,"
              + "\"method\":\"m\",\"params\":{\"a\":1.10,\"b\":1180591620717411303424,"
              + "\"c\":1e400,\"d\":-5,\"e\":0.000,\"f\":\"\\u2028\"}}}]}";

      String written = TapeCodec.toJson(TapeCodec.read(tape, "inline"));

      assertThat(written)
          .contains("\"a\": 1.10,")
          .contains("\"b\": 1180591620717411303424,")
          .contains("\"c\": 1E+400,")
          .contains("\"d\": -5,")
          .contains("\"e\": 0.000,")
          .contains("\"f\": \"\\u2028\"");
      assertThat(TapeCodec.toJson(TapeCodec.read(written, "again"))).isEqualTo(written);
    }
  }

  @Nested
  class Positions {

    @Test
    void givesEveryExchangeTheLineAndColumnOfItsBrace() throws TapeFormatException {
      Tape tape = TapeCodec.read(TapeFixtures.text("full.tape.json"), "full.tape.json");

      assertThat(tape.exchanges())
          .extracting(Exchange::position)
          .containsExactly(
              new SourcePosition(45, 5), new SourcePosition(77, 5), new SourcePosition(83, 5));
    }

    @Test
    void countsColumnsInJavaCharsNotBytes() throws TapeFormatException {
      String tape =
          "{\"cassette\": 1, \"name\": \"\uD83C\uDF27奥斯陆\", \"exchanges\": "
              + "[{\"client\": {\"jsonrpc\": \"2.0\", \"method\": \"x\"}}]}";

      Tape read = TapeCodec.read(tape, "inline");

      assertThat(read.exchanges().get(0).position()).isEqualTo(new SourcePosition(1, 48));
    }

    @Test
    void readsPositionsFromAFile() throws TapeFormatException {
      Tape tape = TapeCodec.read(TapeFixtures.path("extensions.tape.json"));

      assertThat(tape.exchanges().get(0).position()).isEqualTo(new SourcePosition(27, 5));
    }
  }

  @Nested
  class Extensions {

    @Test
    void keepsUnknownFieldsAtEveryLevel() throws TapeFormatException {
      Tape tape = TapeCodec.read(TapeFixtures.text("extensions.tape.json"), "extensions");

      assertThat(Json.compact(tape.extensions()))
          .isEqualTo("{\"generator\":{\"name\":\"cassette\",\"minor\":3}}");
      assertThat(Json.compact(tape.recorded().extensions())).isEqualTo("{\"host\":\"ci-7\"}");
      assertThat(Json.compact(tape.server().extensions()))
          .isEqualTo("{\"sandbox\":{\"clock\":\"virtual\"}}");
      assertThat(Json.compact(tape.components().get(0).extensions())).isEqualTo("{\"size\":1234}");
      assertThat(Json.compact(tape.exchanges().get(0).extensions()))
          .isEqualTo("{\"retries\":2,\"annotations\":{\"note\":\"kept\"}}");
    }

    @Test
    void knownFieldsWithoutUnknownOnesHaveNoExtensions() throws TapeFormatException {
      Tape tape = TapeCodec.read(TapeFixtures.text("full.tape.json"), "full");

      assertThat(tape.extensions()).isNull();
      assertThat(tape.server().extensions()).isNull();
      assertThat(tape.exchanges()).extracting(Exchange::extensions).containsOnlyNulls();
    }

    @Test
    void treatsJsonNullAsAbsentForOptionalFields() throws TapeFormatException {
      Tape tape =
          TapeCodec.read(
              "{\"cassette\":1,\"name\":\"n\",\"tags\":null,\"match\":null,\"exchanges\":"
                  + "[{\"client\":{\"jsonrpc\":\"2.0\",\"method\":\"x\"},\"response\":null}]}",
              "nulls");

      assertThat(tape.tags()).isEmpty();
      assertThat(tape.match()).isNull();
      assertThat(tape.exchanges().get(0).response()).isNull();
      assertThat(tape.exchanges().get(0).elapsedMillis()).isEqualTo(-1);
    }
  }

  @Nested
  class Files_ {

    @TempDir Path folder;

    @Test
    void writesAtomicallyCreatingParentFoldersAndLeavingNoTemporaryFile()
        throws IOException, TapeFormatException {
      Tape tape = TapeCodec.read(TapeFixtures.text("full.tape.json"), "full.tape.json");
      Path file = folder.resolve("a/b/full.tape.json");

      TapeCodec.write(tape, file);
      TapeCodec.write(tape, file);

      assertThat(Files.readString(file, StandardCharsets.UTF_8))
          .isEqualTo(TapeFixtures.text("full.tape.json"));
      try (var files = Files.list(file.getParent())) {
        assertThat(files).containsExactly(file);
      }
      assertThat(TapeCodec.read(file).name()).isEqualTo("weather: Oslo forecast");
    }

    @Test
    void replacesAnExistingTape() throws IOException, TapeFormatException {
      Path file = folder.resolve("t.tape.json");
      Files.writeString(file, "old content that is not a tape");

      TapeCodec.write(new Tape(1, "new", null, null, null, null, null, List.of(), null), file);

      assertThat(TapeCodec.read(file).name()).isEqualTo("new");
    }

    @Test
    void namesAMissingFile() {
      Path file = folder.resolve("missing.tape.json");

      assertThatThrownBy(() -> TapeCodec.read(file))
          .isInstanceOf(TapeFormatException.class)
          .hasMessage(file + ": no such file");
    }

    @Test
    void rejectsBytesThatAreNotUtf8() throws IOException {
      Path file = folder.resolve("latin1.tape.json");
      Files.write(file, new byte[] {'{', '"', (byte) 0xE9, '"', '}'});

      assertThatThrownBy(() -> TapeCodec.read(file))
          .isInstanceOf(TapeFormatException.class)
          .hasMessage(file + ": not UTF-8 text");
    }
  }
}
