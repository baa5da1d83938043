package dev.cassette.host;

import static dev.cassette.host.HostFixture.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A hostile guest hands the host a pointer and a length (16 and 0x7ffffff0) whose sum overflows a
 * signed 32-bit int, which Chicory's own bounds check lets through: the host refuses before it
 * allocates anything and names the function, and keeps serving.
 */
class GuestMemoryBoundsTest {
  private static final String OUTSIDE =
      "of 2147483632 bytes at address 16 lies outside the guest's memory (";

  @TempDir Path componentDir;
  @TempDir Path sandbox;

  private HostFixture start(boolean deterministic) throws Exception {
    HostFixture.copyGuest(componentDir, "hostile.wasm");
    Files.writeString(
        componentDir.resolve("hostile.policy.yaml"),
        "version: \"1.0\"\npermissions:\n  storage:\n    allow:\n      - uri: \"fs://"
            + sandbox
            + "\"\n        access: [\"read\"]\n");
    return HostFixture.start(
        Map.of(
            "componentDir",
            componentDir.toString(),
            "deterministic",
            String.valueOf(deterministic)),
        Map.of());
  }

  @Test
  void anOutputOutsideGuestMemoryIsRefusedAndTheHostKeepsServing() throws Exception {
    try (HostFixture host = start(false)) {
      for (int i = 0; i < 4; i++) {
        CallToolResult result = host.call("bad_output", Map.of());
        assertThat(result.isError()).isTrue();
        assertThat(text(result))
            .startsWith(
                "Error: component 'hostile' returned invalid output from 'bad_output': output "
                    + OUTSIDE);
      }
      assertThat(host.result("raw_fetch", Map.of("request", "{\"url\":\"ftp://x\"}")).asString())
          .isEqualTo("{\"error\":\"unsupported URL: ftp://x\"}");
    }
  }

  @ParameterizedTest(name = "{0} through {1}")
  @CsvSource({
    "bad_fetch, http_fetch, false",
    "bad_fd_write, fd_write, false",
    "bad_fd_read, fd_read, false",
    "bad_path_open, path_open, false",
    "bad_poll, poll_oneoff, false",
    "bad_poll, poll_oneoff, true",
  })
  void aHostFunctionGivenMemoryOutsideTheGuestTrapsNamingIt(
      String tool, String function, boolean deterministic) throws Exception {
    try (HostFixture host = start(deterministic)) {
      CallToolResult result = host.call(tool, Map.of());
      assertThat(result.isError()).isTrue();
      assertThat(text(result))
          .startsWith(
              "Error: tool '" + tool + "' of component 'hostile' trapped: " + function + ": ")
          .contains(" bytes at address 16 lies outside the guest's memory (");
      assertThat(host.result("raw_fetch", Map.of("request", "{\"url\":\"ftp://x\"}")).asString())
          .contains("unsupported URL");
    }
  }
}
