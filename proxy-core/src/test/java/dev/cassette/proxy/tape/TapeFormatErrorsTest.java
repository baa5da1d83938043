package dev.cassette.proxy.tape;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TapeFormatErrorsTest {

  private static TapeFormatException errorReading(String fixture) {
    return catchThrowableOfType(
        TapeFormatException.class,
        () -> TapeCodec.read(TapeFixtures.text("broken/" + fixture), fixture));
  }

  private static TapeFormatException errorReadingText(String json) {
    return catchThrowableOfType(
        TapeFormatException.class, () -> TapeCodec.read(json, "inline.tape.json"));
  }

  @Nested
  class BrokenFixtures {

    @Test
    void notJsonNamesWhereTheParserStopped() {
      TapeFormatException error = errorReading("not-json.tape.json");

      assertThat(error)
          .hasMessage(
              "not-json.tape.json:4:3: not valid JSON: Unexpected character ('\"' (code 34)):"
                  + " was expecting comma to separate Object entries");
      assertThat(error.position()).isEqualTo(new SourcePosition(4, 3));
      assertThat(error.sourceName()).isEqualTo("not-json.tape.json");
    }

    @Test
    void missingVersion() {
      assertThat(errorReading("no-version.tape.json"))
          .hasMessage("no-version.tape.json:1:1: missing \"cassette\" (the tape format version)");
    }

    @Test
    void newerVersionSaysWhoWroteIt() {
      TapeFormatException error = errorReading("newer-version.tape.json");

      assertThat(error)
          .hasMessage(
              "newer-version.tape.json:2:15: this tape was written by a newer Cassette"
                  + " (tape format version 2); this release reads version 1");
      assertThat(error.reason())
          .isEqualTo(
              "this tape was written by a newer Cassette (tape format version 2);"
                  + " this release reads version 1");
    }

    @Test
    void exchangesNotAnArray() {
      assertThat(errorReading("exchanges-not-array.tape.json"))
          .hasMessage(
              "exchanges-not-array.tape.json:4:16: exchanges must be an array but was a string");
    }

    @Test
    void oneBadExchangeNamesItsOwnPosition() {
      assertThat(errorReading("exchange-without-client.tape.json"))
          .hasMessage("exchange-without-client.tape.json:12:5: exchanges[1] is missing \"client\"");
    }

    @Test
    void clientThatIsNotJsonRpcNamesTheClientValue() {
      assertThat(errorReading("client-not-jsonrpc.tape.json"))
          .hasMessage(
              "client-not-jsonrpc.tape.json:13:17: exchanges[1].client is not a JSON-RPC message:"
                  + " \"method\" must be a string");
    }

    @Test
    void duplicateKeysInsideMessagesAreRejected() {
      assertThat(errorReading("duplicate-key.tape.json"))
          .hasMessage(
              "duplicate-key.tape.json:9:13: not valid JSON: Duplicate Object property \"id\"");
    }

    @Test
    void emptyFile() {
      TapeFormatException error = errorReading("empty.tape.json");

      assertThat(error).hasMessage("empty.tape.json: empty file: expected a tape (a JSON object)");
      assertThat(error.position()).isNull();
    }
  }

  @Nested
  class Limits {

    @Test
    void deeplyNestedValuesEndInAFormatErrorNotAStackOverflow() {
      String deep = "[".repeat(100_000) + "]".repeat(100_000);
      String tape =
          "{\"cassette\": 1, \"name\": \"deep\", \"exchanges\": [{\"client\": "
              + "{\"jsonrpc\": \"2.0\", \"method\": \"x\", \"params\": "
              + deep
              + "}}]}";

      TapeFormatException error = errorReadingText(tape);

      assertThat(error)
          .hasMessage(
              "inline.tape.json:1:599: not valid JSON: Document nesting depth (501) exceeds the"
                  + " maximum allowed (500, from `StreamReadConstraints.getMaxNestingDepth()`)");
    }
  }

  @Nested
  class Inline {

    @ParameterizedTest(name = "{0}")
    @CsvSource(
        delimiter = '|',
        quoteCharacter = '`',
        textBlock =
            """
            top level array       | []                                                  | inline.tape.json:1:1: the tape must be an object but was an array
            version as string     | {"cassette": "1"}                                   | inline.tape.json:1:14: cassette must be an integer (the tape format version) but was a string
            version huge          | {"cassette": 100000000000000000000}               | inline.tape.json:1:14: this tape was written by a newer Cassette (tape format version 100000000000000000000); this release reads version 1
            version zero          | {"cassette": 0}                                     | inline.tape.json:1:14: cassette must be 1 but was 0
            missing name          | {"cassette": 1, "exchanges": []}                    | inline.tape.json:1:1: missing "name"
            name not a string     | {"cassette": 1, "name": 7, "exchanges": []}         | inline.tape.json:1:25: name must be a string but was a number
            missing exchanges     | {"cassette": 1, "name": "n"}                        | inline.tape.json:1:1: missing "exchanges"
            tag not a string      | {"cassette": 1, "name": "n", "tags": ["a", true], "exchanges": []} | inline.tape.json:1:44: tags[1] must be a string but was a boolean
            recorded not object   | {"cassette": 1, "name": "n", "recorded": "now", "exchanges": []}    | inline.tape.json:1:42: recorded must be an object but was a string
            server no transport   | {"cassette": 1, "name": "n", "server": {"url": "http://x"}, "exchanges": []} | inline.tape.json:1:40: server is missing "transport"
            command not strings   | {"cassette": 1, "name": "n", "server": {"transport": "stdio", "command": ["a", 1]}, "exchanges": []} | inline.tape.json:1:80: server.command[1] must be a string but was a number
            component no sha256   | {"cassette": 1, "name": "n", "components": [{"id": "c"}], "exchanges": []} | inline.tape.json:1:45: components[0] is missing "sha256"
            match not object      | {"cassette": 1, "name": "n", "match": [], "exchanges": []}         | inline.tape.json:1:39: match must be an object but was an array
            exchange not object   | {"cassette": 1, "name": "n", "exchanges": [1]}     | inline.tape.json:1:44: exchanges[0] must be an object but was a number
            client a string       | {"cassette": 1, "name": "n", "exchanges": [{"client": "ping"}]} | inline.tape.json:1:55: exchanges[0].client is not a JSON-RPC message: expected a JSON object or array but got STRING
            bad response          | {"cassette": 1, "name": "n", "exchanges": [{"client": {"jsonrpc": "2.0", "method": "x"}, "response": {"id": 1}}]} | inline.tape.json:1:102: exchanges[0].response is not a JSON-RPC message: not a JSON-RPC message: no "method", and no "id" with "result" or "error"
            bad notification      | {"cassette": 1, "name": "n", "exchanges": [{"client": {"jsonrpc": "2.0", "method": "x"}, "notifications": [{"method": "ok"}, {}]}]} | inline.tape.json:1:126: exchanges[0].notifications[1] is not a JSON-RPC message: not a JSON-RPC message: no "method", and no "id" with "result" or "error"
            server request        | {"cassette": 1, "name": "n", "exchanges": [{"client": {"jsonrpc": "2.0", "method": "x"}, "serverRequests": [{"response": {"id": 1, "result": {}}}]}]} | inline.tape.json:1:109: exchanges[0].serverRequests[0] is missing "request"
            server request extra  | {"cassette": 1, "name": "n", "exchanges": [{"client": {"jsonrpc": "2.0", "method": "x"}, "serverRequests": [{"request": {"id": 1, "method": "roots/list"}, "extra": 1}]}]} | inline.tape.json:1:165: exchanges[0].serverRequests[0].extra is not a known field; a server request has only "request" and "response"
            elapsed not integer   | {"cassette": 1, "name": "n", "exchanges": [{"client": {"jsonrpc": "2.0", "method": "x"}, "elapsedMillis": 1.5}]} | inline.tape.json:1:107: exchanges[0].elapsedMillis must be a whole number >= 0 but was 1.5
            elapsed negative      | {"cassette": 1, "name": "n", "exchanges": [{"client": {"jsonrpc": "2.0", "method": "x"}, "elapsedMillis": -1}]} | inline.tape.json:1:107: exchanges[0].elapsedMillis must be a whole number >= 0 but was -1
            elapsed a string      | {"cassette": 1, "name": "n", "exchanges": [{"client": {"jsonrpc": "2.0", "method": "x"}, "elapsedMillis": "5"}]} | inline.tape.json:1:107: exchanges[0].elapsedMillis must be a whole number >= 0 but was a string
            server info a string  | {"cassette": 1, "name": "n", "server": {"transport": "stdio", "serverInfo": "x"}, "exchanges": []} | inline.tape.json:1:77: server.serverInfo must be an object but was a string
            trailing content      | {"cassette": 1, "name": "n", "exchanges": []} {}   | inline.tape.json:1:47: unexpected content after the end of the tape
            """)
    void namesTheOffendingValue(String description, String json, String message) {
      assertThat(errorReadingText(json)).as(description).hasMessage(message);
    }
  }
}
