package dev.cassette.host.components;

import static org.assertj.core.api.Assertions.assertThat;

import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.wasi.WasiOptions;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.ValType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs the committed example components ({@code components/*.wasm}) on Chicory through guest ABI
 * v1, independently of Cassette's host, and checks that each binary still matches its sources.
 */
class ComponentsAbiTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Nested
  class Describe {

    @ParameterizedTest
    @CsvSource(
        delimiter = ';',
        value = {
          "calculator; add,subtract,multiply,divide,compare,is-integer,factorial,checked-add",
          "text-tools; length,reverse,slugify,word-count,split-once,join",
          "file-reader; list-files,read-file",
          "env-reader; get-env",
          "fetcher; fetch",
          "clock-random; now,random-int,uuid"
        })
    void describesEveryExportedTool(String id, String exports) {
      try (Guest guest = Guest.load(id)) {
        JsonNode description = JSON.readTree(guest.describe());
        assertThat(description.get("description").asString()).isNotBlank();
        List<String> names = new ArrayList<>();
        for (JsonNode tool : description.get("tools")) {
          names.add(tool.get("export").asString());
          assertThat(tool.get("description").asString()).isNotBlank();
          assertThat(tool.get("params").isArray()).isTrue();
          assertThat(tool.has("result")).isTrue();
        }
        assertThat(names).containsExactly(exports.split(","));
      }
    }

    @Test
    void putsIntegerOperationsBehindAnInterface() {
      try (Guest guest = Guest.load("calculator")) {
        JsonNode tools = JSON.readTree(guest.describe()).get("tools");
        assertThat(tools.get(5).get("interface").isNull()).isTrue();
        assertThat(tools.get(6).get("interface").asString()).isEqualTo("local:calculator/ops");
        assertThat(tools.get(7).get("interface").asString()).isEqualTo("local:calculator/ops");
      }
    }
  }

  @Nested
  class Calculator {

    @ParameterizedTest
    @CsvSource(
        delimiter = '|',
        value = {
          "add      | {\"a\": 2, \"b\": 3.5}          | {\"ok\":5.5}",
          "add      | {\"a\": 0.1, \"b\": 0.2}        | {\"ok\":0.30000000000000004}",
          "subtract | {\"a\": 1, \"b\": 3}            | {\"ok\":-2.0}",
          "multiply | {\"a\": 1e308, \"b\": 10}       | {\"err\":\"overflow\"}",
          "divide   | {\"a\": 7, \"b\": 2}            | {\"ok\":3.5}",
          "divide   | {\"a\": 1, \"b\": 0}            | {\"err\":\"division by zero\"}",
          "divide   | {\"a\": 1, \"b\": -0.0}         | {\"err\":\"division by zero\"}",
          "divide   | {\"a\": 1}                      | {\"err\":\"missing argument 'b'\"}",
          "divide   | {\"a\": \"1\", \"b\": 2}        | {\"err\":\"argument 'a' must be a number\"}",
          "add      | {\"a\": 1, \"b\": 2             | {\"err\":\"invalid arguments: expected ',' or '}' at offset 15\"}",
          "compare  | {\"a\": 1, \"b\": 2}            | \"less\"",
          "compare  | {\"a\": 0.0, \"b\": -0.0}       | \"equal\"",
          "compare  | {\"a\": 1e300, \"b\": -1}       | \"greater\"",
          "is-integer | {\"a\": 3.0}                  | true",
          "is-integer | {\"a\": 3.25}                 | false",
          "factorial | {\"n\": 0}                     | {\"ok\":1}",
          "factorial | {\"n\": 5.0}                   | {\"ok\":120}",
          "factorial | {\"n\": 20}                    | {\"ok\":2432902008176640000}",
          "factorial | {\"n\": 21}                    | {\"err\":\"overflow\"}",
          "factorial | {\"n\": -1}                    | {\"err\":\"argument 'n' must be an integer between 0 and 4294967295\"}",
          "checked-add | {\"a\": 9223372036854775806, \"b\": 1} | {\"ok\":9223372036854775807}",
          "checked-add | {\"a\": 9223372036854775807, \"b\": 1} | {\"err\":\"overflow\"}",
          "checked-add | {\"a\": -9223372036854775808, \"b\": -1} | {\"err\":\"overflow\"}",
        })
    void returnsResults(String export, String arguments, String expected) {
      try (Guest guest = Guest.load("calculator")) {
        assertThat(guest.call(export, arguments)).isEqualTo(expected);
      }
    }

    @Test
    void freesWhatItAllocates() {
      try (Guest guest = Guest.load("calculator")) {
        guest.call("divide", "{\"a\": 1, \"b\": 3}");
        int pages = guest.memoryPages();
        for (int i = 0; i < 1_000; i++) {
          assertThat(guest.call("divide", "{\"a\": " + i + ", \"b\": 0}")).contains("err");
          assertThat(guest.describe()).startsWith("{");
        }
        assertThat(guest.memoryPages()).isEqualTo(pages);
      }
    }
  }

  @Nested
  class TextTools {

    @ParameterizedTest
    @CsvSource(
        delimiter = '|',
        value = {
          "length     | {\"text\": \"héllo 😀\"}             | {\"ok\":7}",
          "length     | {\"text\": \"e\\u0301\\ud83d\\ude00\"} | {\"ok\":3}",
          "length     | {\"text\": \"\"}                     | {\"ok\":0}",
          "reverse    | {\"text\": \"ab😀c\"}                | {\"ok\":\"c😀ba\"}",
          "reverse    | {\"text\": \"\\\"\\n\\u0001é\"}      | {\"ok\":\"é\\u0001\\n\\\"\"}",
          "slugify    | {\"text\": \"  Hello, World!  Crème brûlée 2024 \"} | {\"ok\":\"hello-world-cr-me-br-l-e-2024\"}",
          "slugify    | {\"text\": \"日本語\"}               | {\"ok\":\"\"}",
          "word-count | {\"text\": \" one  two\\u00a0three\\u3000four\\n\"} | {\"ok\":4}",
          "word-count | {\"text\": \"\"}                     | {\"ok\":0}",
          "length     | {\"text\": \"\\ud800\"}              | {\"err\":\"text is not valid UTF-8\"}",
          "reverse    | {\"text\": 5}                        | {\"err\":\"argument 'text' must be a string\"}",
          "split-once | {\"text\": \"a→b→c\", \"separator\": \"→\"} | {\"ok\":[\"a\",\"b→c\"]}",
          "split-once | {\"text\": \"k=\", \"separator\": \"=\"}   | {\"ok\":[\"k\",\"\"]}",
          "split-once | {\"text\": \"abc\", \"separator\": \"😀\"} | {\"ok\":null}",
          "split-once | {\"text\": \"abc\", \"separator\": \"ab\"} | {\"err\":\"argument 'separator' must be a single character\"}",
          "join       | {\"parts\": [\"a\", \"é\", \"\"], \"separator\": \", \"} | {\"ok\":\"a, é, \"}",
          "join       | {\"parts\": [], \"separator\": \"-\"}  | {\"ok\":\"\"}",
          "join       | {\"parts\": [1], \"separator\": \"-\"} | {\"err\":\"argument 'parts' must be an array of strings\"}",
          "join       | {\"parts\": [\"\\udc00\"], \"separator\": \"-\"} | {\"err\":\"parts[0] is not valid UTF-8\"}",
        })
    void handlesUnicode(String export, String arguments, String expected) {
      try (Guest guest = Guest.load("text-tools")) {
        assertThat(guest.call(export, arguments)).isEqualTo(expected);
      }
    }

    @Test
    void rejectsInvalidUtf8Bytes() {
      byte[] arguments = {'{', '"', 't', 'e', 'x', 't', '"', ':', '"', 'a', (byte) 0xC3, '"', '}'};
      try (Guest guest = Guest.load("text-tools")) {
        assertThat(guest.callBytes("word-count", arguments))
            .isEqualTo("{\"err\":\"text is not valid UTF-8\"}");
      }
    }
  }

  @Nested
  class FileReader {

    @Test
    void deniesPathsOutsideEveryPreopen() {
      try (Guest guest = Guest.load("file-reader")) {
        assertThat(guest.call("read-file", "{\"path\": \"/data/hello.txt\"}"))
            .isEqualTo("{\"err\":\"cannot open /data/hello.txt: permission denied\"}");
        assertThat(guest.call("list-files", "{\"path\": \"/\"}"))
            .isEqualTo("{\"err\":\"cannot open /: permission denied\"}");
      }
    }

    @Test
    void readsAndListsAGrantedDirectory(@TempDir Path dir) throws IOException {
      Files.writeString(dir.resolve("hello.txt"), "Grüße\n\"quoted\"\n");
      Files.createDirectory(dir.resolve("sub"));
      Files.write(dir.resolve("binary.bin"), new byte[] {(byte) 0xFF, 0});
      WasiOptions options = WasiOptions.builder().withDirectory("/data", dir).build();
      try (Guest guest = Guest.load("file-reader", options)) {
        assertThat(guest.call("read-file", "{\"path\": \"/data/hello.txt\"}"))
            .isEqualTo("{\"ok\":\"Grüße\\n\\\"quoted\\\"\\n\"}");
        assertThat(guest.call("list-files", "{\"path\": \"/data\"}"))
            .isEqualTo("{\"ok\":[\"binary.bin\",\"hello.txt\",\"sub/\"]}");
        assertThat(guest.call("list-files", "{\"path\": \"/data/sub\"}")).isEqualTo("{\"ok\":[]}");
        assertThat(guest.call("list-files", "{\"path\": \"/data/hello.txt\"}"))
            .isEqualTo("{\"err\":\"cannot open /data/hello.txt: not a directory\"}");
        assertThat(guest.call("read-file", "{\"path\": \"/data/missing.txt\"}"))
            .isEqualTo("{\"err\":\"cannot open /data/missing.txt: not found\"}");
        assertThat(guest.call("read-file", "{\"path\": \"/data/sub\"}"))
            .isEqualTo("{\"err\":\"cannot read /data/sub: is a directory\"}");
        assertThat(guest.call("read-file", "{\"path\": \"/data/binary.bin\"}"))
            .isEqualTo("{\"err\":\"cannot read /data/binary.bin: not valid UTF-8 text\"}");
        assertThat(guest.call("read-file", "{\"path\": \"/data/../../etc/hostname\"}"))
            .isEqualTo("{\"err\":\"cannot open /data/../../etc/hostname: permission denied\"}");
        assertThat(guest.call("read-file", "{\"path\": \"/other/hello.txt\"}"))
            .isEqualTo("{\"err\":\"cannot open /other/hello.txt: permission denied\"}");
      }
    }
  }

  @Nested
  class EnvReader {

    @Test
    void readsOnlyTheEnvironmentItIsGiven() {
      WasiOptions options =
          WasiOptions.builder().withEnvironment("GREETING", "héllo \"you\"").build();
      try (Guest guest = Guest.load("env-reader", options)) {
        assertThat(guest.call("get-env", "{\"key\": \"GREETING\"}"))
            .isEqualTo("\"héllo \\\"you\\\"\"");
        assertThat(guest.call("get-env", "{\"key\": \"HOME\"}")).isEqualTo("null");
        assertThat(guest.call("get-env", "{\"key\": \"GREETING=x\"}")).isEqualTo("null");
      }
    }

    @Test
    void producesNoOutputForMalformedArguments() {
      try (Guest calculator = Guest.load("calculator")) {
        assertThat(calculator.call("compare", "{\"a\": 1}")).isNull();
      }
      try (Guest guest = Guest.load("env-reader")) {
        assertThat(guest.call("get-env", "{}")).isNull();
        assertThat(guest.call("get-env", "not json")).isNull();
      }
    }
  }

  @Nested
  class Fetcher {

    private final List<String> requests = new ArrayList<>();

    private HostFunction httpFetch(String response) {
      return new HostFunction(
          "cassette",
          "http_fetch",
          FunctionType.of(List.of(ValType.I32, ValType.I32), List.of(ValType.I64)),
          (instance, args) -> {
            requests.add(instance.memory().readString((int) args[0], (int) args[1]));
            byte[] bytes = response.getBytes(StandardCharsets.UTF_8);
            return new long[] {Guest.writeOutput(instance, bytes)};
          });
    }

    @Test
    void returnsStatusAndBody() {
      String response =
          "{\"status\":200,\"headers\":{\"content-type\":\"text/plain\"},\"body\":\"hi \\\"là\\\"\"}";
      try (Guest guest =
          Guest.load("fetcher", WasiOptions.builder().build(), httpFetch(response))) {
        assertThat(guest.call("fetch", "{\"url\": \"http://127.0.0.1:8080/x?q=\\\"\"}"))
            .isEqualTo("{\"ok\":{\"status\":200,\"body\":\"hi \\\"là\\\"\"}}");
      }
      assertThat(requests)
          .containsExactly("{\"method\":\"GET\",\"url\":\"http://127.0.0.1:8080/x?q=\\\"\"}");
    }

    @Test
    void turnsAHostRefusalIntoAnErr() {
      String response = "{\"error\":\"network access to example.com denied by policy\"}";
      try (Guest guest =
          Guest.load("fetcher", WasiOptions.builder().build(), httpFetch(response))) {
        assertThat(guest.call("fetch", "{\"url\": \"https://example.com/\"}"))
            .isEqualTo("{\"err\":\"network access to example.com denied by policy\"}");
      }
    }

    @Test
    void refusesOtherSchemesWithoutCallingTheHost() {
      try (Guest guest = Guest.load("fetcher", WasiOptions.builder().build(), httpFetch("{}"))) {
        assertThat(guest.call("fetch", "{\"url\": \"file:///etc/passwd\"}"))
            .isEqualTo(
                "{\"err\":\"unsupported URL file:///etc/passwd: only http and https are allowed\"}");
        assertThat(guest.call("fetch", "{\"url\": \"http://x/\"}"))
            .isEqualTo("{\"err\":\"malformed response from host: no status\"}");
      }
      assertThat(requests).hasSize(1);
    }
  }

  @Nested
  class ClockRandom {

    private WasiOptions seeded(long seed) {
      Instant instant = Instant.parse("2026-01-31T12:34:56.789Z");
      return WasiOptions.builder()
          .withClock(Clock.fixed(instant, ZoneOffset.UTC))
          .withRandom(new Random(seed))
          .build();
    }

    private List<String> draws(long seed) {
      try (Guest guest = Guest.load("clock-random", seeded(seed))) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
          out.add(guest.call("random-int", "{\"min\": -3, \"max\": 3}"));
          out.add(guest.call("uuid", "{}"));
        }
        return out;
      }
    }

    @Test
    void readsTheVirtualClock() {
      try (Guest guest = Guest.load("clock-random", seeded(1))) {
        assertThat(guest.call("now", "{}")).isEqualTo("\"2026-01-31T12:34:56.789Z\"");
        assertThat(guest.callBytes("now", new byte[0])).isEqualTo("\"2026-01-31T12:34:56.789Z\"");
      }
    }

    @Test
    void repeatsRandomnessUnderTheSameSeed() {
      List<String> first = draws(42);
      assertThat(draws(42)).isEqualTo(first);
      assertThat(draws(43)).isNotEqualTo(first);
      for (int i = 0; i < first.size(); i += 2) {
        assertThat(first.get(i)).matches("\\{\"ok\":-?[0-3]\\}");
        assertThat(first.get(i + 1))
            .matches("\"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}\"");
      }
    }

    @Test
    void checksItsBounds() {
      try (Guest guest = Guest.load("clock-random", seeded(7))) {
        assertThat(guest.call("random-int", "{\"min\": 5, \"max\": 5}")).isEqualTo("{\"ok\":5}");
        assertThat(guest.call("random-int", "{\"min\": 6, \"max\": 5}"))
            .isEqualTo("{\"err\":\"min must not be greater than max\"}");
        assertThat(
                guest.call(
                    "random-int", "{\"min\": -9223372036854775808, \"max\": 9223372036854775807}"))
            .matches("\\{\"ok\":-?[0-9]+\\}");
      }
    }
  }

  @Nested
  class Checksums {

    @Test
    void everyBinaryAndSourceMatchesSha256Sums() throws IOException {
      Path dir = Guest.componentsDirectory();
      List<String> listed = new ArrayList<>();
      List<String> problems = new ArrayList<>();
      for (String line : Files.readAllLines(dir.resolve("SHA256SUMS"))) {
        String[] parts = line.split(" {2}", 2);
        listed.add(parts[1]);
        Path file = dir.resolve(parts[1]);
        if (!Files.isRegularFile(file)) {
          problems.add("components/" + parts[1] + " is listed in SHA256SUMS but missing");
        } else if (!sha256(file).equals(parts[0])) {
          problems.add(
              "components/"
                  + parts[1]
                  + (parts[1].endsWith(".wasm")
                      ? " was not built from the committed sources"
                      : " changed since the last build"));
        }
      }
      try (Stream<Path> files = Files.list(dir)) {
        files
            .filter(f -> f.toString().endsWith(".wasm"))
            .map(f -> f.getFileName().toString())
            .filter(name -> !listed.contains(name))
            .forEach(name -> problems.add("components/" + name + " is not listed in SHA256SUMS"));
      }
      assertThat(problems)
          .as("run components/build.sh and commit the rebuilt .wasm files and SHA256SUMS")
          .isEmpty();
    }

    private String sha256(Path file) throws IOException {
      try {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        return HexFormat.of().formatHex(digest.digest(Files.readAllBytes(file)));
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("SHA-256 is required on every JVM", e);
      }
    }
  }
}
