package dev.cassette.proxy.tape;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cassette.proxy.jsonrpc.Json;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.node.ObjectNode;

/** Reading and writing tapes: byte-exact round trips, layout, batches, unknown fields. */
class TapeCodecTest {

  @Nested
  class RoundTrip {

    @ParameterizedTest
    @MethodSource("dev.cassette.proxy.tape.TapeFixtures#canonical")
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
    void writesTheSameBytesFromManyThreadsAtOnce() throws Exception {
      String text = TapeFixtures.text("full.tape.json");
      Tape tape = TapeCodec.read(text, "full.tape.json");
      java.util.concurrent.ExecutorService pool =
          java.util.concurrent.Executors.newFixedThreadPool(8);
      try {
        List<java.util.concurrent.Future<String>> written = new java.util.ArrayList<>();
        for (int i = 0; i < 64; i++) {
          written.add(pool.submit(() -> TapeCodec.toJson(tape)));
        }
        for (java.util.concurrent.Future<String> each : written) {
          assertThat(each.get(30, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(text);
        }
      } finally {
        pool.shutdownNow();
      }
    }

    @Test
    void writesAnEmptyTapeWithAnEmptyExchangeArray() {
      Tape tape = new Tape(1, "empty", null, null, null, null, null, List.of(), null);

      assertThat(TapeCodec.toJson(tape))
          .isEqualTo("{\n  \"cassette\": 1,\n  \"name\": \"empty\",\n  \"exchanges\": []\n}\n");
    }
  }

  @Test
  void keepsTheComponentFolderAndEachComponentsToolsInTheirPlace() throws TapeFormatException {
    String text =
        """
        {
          "cassette": 1,
          "name": "inventory",
          "server": {
            "transport": "stdio",
            "command": [
              "hermetic-run.sh",
              "components/wassette"
            ],
            "componentDir": "components/wassette",
            "protocolVersion": "2025-06-18"
          },
          "components": [
            {
              "id": "inventory",
              "source": "components/wassette/inventory.wasm",
              "sha256": "5cf106f261fb4a06036c61a24957777402f2588478ba4a572729adb84a9678af",
              "tools": [
                "summarize",
                "find"
              ],
              "policy": "version: 1.0"
            }
          ],
          "exchanges": []
        }
        """;

    Tape tape = TapeCodec.read(text, "inventory.tape.json");

    assertThat(tape.server().componentDir()).isEqualTo("components/wassette");
    assertThat(tape.server().extensions()).isNull();
    assertThat(tape.components().get(0).tools()).containsExactly("summarize", "find");
    assertThat(tape.components().get(0).extensions()).isNull();
    assertThat(TapeCodec.toJson(tape)).isEqualTo(text);
  }

  @Nested
  class Batches {

    @Test
    void keepsBatchesAndNullIds() throws TapeFormatException {
      String name = "batch, string ids & ünïcode.tape.json";
      Tape tape = TapeCodec.read(TapeFixtures.path(name));

      Exchange batch = tape.exchanges().get(0);
      assertThat(batch.method()).isNull();
      assertThat(batch.clientMessage())
          .isInstanceOf(dev.cassette.proxy.jsonrpc.JsonRpcMessage.Batch.class);
      assertThat(batch.response().get(1).at("/error/message").asString())
          .isEqualTo("Method not found: prompts/list \u2029 \"quoted\" \\ back\tslash");
      assertThat(tape.exchanges().get(1).client().get("id").isNull()).isTrue();
      assertThat(tape.name()).isEqualTo("batch, string ids & ünïcode ✓");
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
}
