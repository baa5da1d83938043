package dev.cassette.proxy.tape;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cassette.proxy.jsonrpc.Json;
import java.math.BigDecimal;
import java.math.BigInteger;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Recorded values survive exactly, and exchanges know where they start. */
class TapeExactnessTest {

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
    void ignoresAByteOrderMarkWithoutShiftingColumns() throws TapeFormatException {
      String tape =
          "\uFEFF{\"cassette\": 1, \"name\": \"bom\", \"exchanges\": "
              + "[{\"client\": {\"jsonrpc\": \"2.0\", \"method\": \"x\"}}]}";

      assertThat(TapeCodec.read(tape, "bom").exchanges().get(0).position())
          .isEqualTo(new SourcePosition(1, 47));
    }

    @Test
    void countsWindowsLineEndsAsOneLine() throws TapeFormatException {
      String tape =
          TapeFixtures.text("minimal.tape.json")
              .replace(
                  "[]", "[\n    {\"client\": " + "{\"jsonrpc\": \"2.0\", \"method\": \"x\"}}\n  ]")
              .replace("\n", "\r\n");

      assertThat(TapeCodec.read(tape, "crlf").exchanges().get(0).position())
          .isEqualTo(new SourcePosition(5, 5));
    }

    @Test
    void readsPositionsFromAFile() throws TapeFormatException {
      Tape tape = TapeCodec.read(TapeFixtures.path("extensions.tape.json"));

      assertThat(tape.exchanges().get(0).position()).isEqualTo(new SourcePosition(27, 5));
    }
  }
}
