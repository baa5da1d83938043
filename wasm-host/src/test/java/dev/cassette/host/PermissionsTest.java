package dev.cassette.host;

import static dev.cassette.host.HostFixture.json;
import static dev.cassette.host.HostFixture.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.cassette.host.policy.Access;
import dev.cassette.host.policy.Policy;
import dev.cassette.host.policy.PolicyYaml;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

class PermissionsTest {
  @TempDir Path componentDir;
  @TempDir Path sandbox;
  Path data;
  HostFixture host;

  @BeforeEach
  void start() throws Exception {
    HostFixture.copyProbe(componentDir);
    HostFixture.copyGuest(componentDir, "fsops.wasm");
    data = Files.createDirectories(sandbox.resolve("data"));
    Files.writeString(data.resolve("in.txt"), "inside the grant");
    host =
        HostFixture.start(
            Map.of("componentDir", componentDir.toString()), Map.of("PROBE_TOKEN", "s3cret"));
  }

  @AfterEach
  void stop() {
    host.close();
  }

  private String uri(Path dir) {
    return "fs://" + dir.toString();
  }

  private CallToolResult grantStorage(Path dir, String... access) {
    return host.call(
        "grant-storage-permission",
        Map.of(
            "component_id",
            "probe",
            "details",
            Map.of("uri", uri(dir), "access", List.of(access))));
  }

  private String readFile(Path file) {
    return host.result("read_file", Map.of("path", file.toString())).toString();
  }

  @Test
  void storageIsDeniedBeforeGrantAllowedAfterAndDeniedAfterRevoke() {
    Path file = data.resolve("in.txt");
    assertThat(readFile(file)).startsWith("{\"err\":\"cannot open " + file);

    CallToolResult granted = grantStorage(data, "read");
    assertThat(json(granted).at("/status").asString()).isEqualTo("permission granted successfully");
    assertThat(json(granted).at("/permission_type").asString()).isEqualTo("storage");
    assertThat(readFile(file)).isEqualTo("{\"ok\":\"inside the grant\"}");

    CallToolResult revoked =
        host.call(
            "revoke-storage-permission",
            Map.of("component_id", "probe", "details", Map.of("uri", uri(data))));
    // Wassette's own shape for a storage revoke
    assertThat(json(revoked).toString())
        .isEqualTo(
            "{\"status\":\"permission revoked successfully\",\"component_id\":\"probe\",\"uri\":\""
                + uri(data)
                + "\",\"message\":\"All access (read and write) to the specified URI has been"
                + " revoked\"}");
    assertThat(readFile(file)).startsWith("{\"err\":\"cannot open");
  }

  @Test
  void readOnlyGrantRefusesWritesAndWriteGrantAllowsThem() throws Exception {
    grantStorage(data, "read");
    Path file = data.resolve("in.txt");
    JsonNode refused =
        host.result("write_file", Map.of("path", file.toString(), "content", "overwritten"));
    assertThat(refused.at("/err").asString()).contains("Read-only file system");
    JsonNode created =
        host.result(
            "write_file", Map.of("path", data.resolve("new.txt").toString(), "content", "x"));
    assertThat(created.at("/err").asString()).contains("Read-only file system");
    assertThat(Files.readString(file)).isEqualTo("inside the grant");
    assertThat(data.resolve("new.txt")).doesNotExist();

    grantStorage(data, "write");
    JsonNode written =
        host.result("write_file", Map.of("path", file.toString(), "content", "overwritten"));
    assertThat(written.toString()).isEqualTo("{\"ok\":\"written\"}");
    assertThat(Files.readString(file)).isEqualTo("overwritten");
  }

  @Test
  void symlinksLeavingThePreopenAreRefusedAndLinksInsideWork() throws Exception {
    Path secret = Files.writeString(sandbox.resolve("secret.txt"), "outside");
    Path outsideDir = Files.createDirectories(sandbox.resolve("outside"));
    Files.writeString(outsideDir.resolve("secret.txt"), "outside too");
    Files.createSymbolicLink(data.resolve("escape"), secret);
    Files.createSymbolicLink(data.resolve("escape-relative"), Path.of("../secret.txt"));
    Files.createSymbolicLink(data.resolve("linkdir"), outsideDir);
    Files.createSymbolicLink(data.resolve("alias"), Path.of("in.txt"));
    grantStorage(data, "read", "write");

    assertThat(readFile(data.resolve("escape"))).contains("Capabilities insufficient");
    assertThat(readFile(data.resolve("escape-relative"))).contains("Capabilities insufficient");
    assertThat(readFile(data.resolve("linkdir/secret.txt"))).contains("Capabilities insufficient");
    JsonNode overwrite =
        host.result(
            "write_file", Map.of("path", data.resolve("escape").toString(), "content", "pwned"));
    assertThat(overwrite.at("/err").asString()).contains("Capabilities insufficient");
    assertThat(Files.readString(secret)).isEqualTo("outside");

    assertThat(readFile(data.resolve("alias"))).isEqualTo("{\"ok\":\"inside the grant\"}");
  }

  @Test
  void environmentVariablesNeedAGrant() {
    Map<String, Object> args = Map.of("key", "PROBE_TOKEN");
    assertThat(host.result("get_env", args).isNull()).isTrue();

    CallToolResult granted =
        host.call(
            "grant-environment-variable-permission",
            Map.of("component_id", "probe", "details", Map.of("key", "PROBE_TOKEN")));
    assertThat(json(granted).toString())
        .isEqualTo(
            "{\"status\":\"permission granted successfully\",\"component_id\":\"probe\","
                + "\"permission_type\":\"environment variable\",\"details\":{\"key\":\"PROBE_TOKEN\"}}");
    assertThat(host.result("get_env", args).asString()).isEqualTo("s3cret");
    assertThat(host.result("get_env", Map.of("key", "PATH")).isNull()).isTrue();

    host.call(
        "revoke-environment-variable-permission",
        Map.of("component_id", "probe", "details", Map.of("key", "PROBE_TOKEN")));
    assertThat(host.result("get_env", args).isNull()).isTrue();
  }

  @Test
  void networkAccessFollowsTheAllowList() throws Exception {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/hello",
        exchange -> {
          byte[] body = "hello from loopback".getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "text/plain");
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
    try {
      int port = server.getAddress().getPort();
      Map<String, Object> args = Map.of("url", "http://127.0.0.1:" + port + "/hello");
      assertThat(host.result("fetch", args).toString())
          .isEqualTo("{\"err\":\"network access to 127.0.0.1 denied by policy\"}");

      grantNetwork("127.0.0.1");
      assertThat(host.result("fetch", args).toString())
          .isEqualTo("{\"ok\":\"200 hello from loopback\"}");

      revokeNetwork("127.0.0.1");
      grantNetwork("127.0.0.1:1");
      assertThat(host.result("fetch", args).at("/err").asString()).contains("denied by policy");
      grantNetwork("https://127.0.0.1:" + port);
      assertThat(host.result("fetch", args).at("/err").asString()).contains("denied by policy");
      grantNetwork("http://127.0.0.1:" + port);
      assertThat(host.result("fetch", args).at("/ok").asString()).startsWith("200");
    } finally {
      server.stop(0);
    }
  }

  private void grantNetwork(String entry) {
    host.call(
        "grant-network-permission",
        Map.of("component_id", "probe", "details", Map.of("host", entry)));
  }

  private void revokeNetwork(String entry) {
    host.call(
        "revoke-network-permission",
        Map.of("component_id", "probe", "details", Map.of("host", entry)));
  }

  @Test
  void grantsAreWrittenToTheColocatedPolicyFileAndResetRemovesThem() throws Exception {
    Path policyFile = componentDir.resolve("probe.policy.yaml");
    JsonNode none = json(host.call("get-policy", Map.of("component_id", "probe")));
    assertThat(none.at("/status").asString()).isEqualTo("no policy found");
    assertThat(policyFile).doesNotExist();

    grantStorage(data, "read");
    grantStorage(data, "write");
    grantNetwork("127.0.0.1");
    host.call(
        "grant-environment-variable-permission",
        Map.of("component_id", "probe", "details", Map.of("key", "PROBE_TOKEN")));

    Policy policy = PolicyYaml.parse(Files.readString(policyFile), policyFile.toString());
    assertThat(policy.storage()).hasSize(1);
    assertThat(policy.storage().get(0).access()).containsExactly(Access.READ, Access.WRITE);
    assertThat(policy.network().get(0).host()).isEqualTo("127.0.0.1");
    assertThat(policy.environment()).containsExactly("PROBE_TOKEN");
    assertThat(Files.readString(policyFile))
        .contains("permissions:", "storage:", "allow:", "uri: fs://" + data, "key: PROBE_TOKEN");

    JsonNode found = json(host.call("get-policy", Map.of("component_id", "probe")));
    assertThat(found.at("/status").asString()).isEqualTo("policy found");
    assertThat(found.at("/policy_info/content").asString()).contains("PROBE_TOKEN");

    CallToolResult reset = host.call("reset-permission", Map.of("component_id", "probe"));
    assertThat(json(reset).toString())
        .isEqualTo("{\"status\":\"permissions reset successfully\",\"component_id\":\"probe\"}");
    assertThat(policyFile).doesNotExist();
    assertThat(readFile(data.resolve("in.txt"))).startsWith("{\"err\"");
  }

  @Test
  void permissionToolsReportBadRequestsAsToolErrors() {
    CallToolResult unknown =
        host.call(
            "grant-network-permission",
            Map.of("component_id", "nope", "details", Map.of("host", "x")));
    assertThat(unknown.isError()).isTrue();
    assertThat(text(unknown))
        .isEqualTo("Error: Component not found: nope: Component not found: nope");
    assertThat(text(host.call("get-policy", Map.of("component_id", "nope"))))
        .isEqualTo("Error: Component not found: nope: Component not found: nope");
    assertThat(text(host.call("reset-permission", Map.of("component_id", "nope"))))
        .isEqualTo("Error: Component not found: nope: Component not found: nope");

    CallToolResult badUri =
        host.call(
            "grant-storage-permission",
            Map.of(
                "component_id",
                "probe",
                "details",
                Map.of("uri", "/tmp", "access", List.of("read"))));
    assertThat(text(badUri)).contains("uri must be fs:// followed by an absolute path");

    CallToolResult noDetails =
        host.call("grant-network-permission", Map.of("component_id", "probe"));
    assertThat(text(noDetails)).isEqualTo("Error: Missing required argument: 'details'");

    // Wassette's texts for missing or empty details and a bad access type
    assertThat(text(host.call("grant-network-permission", grantArgs(Map.of()))))
        .isEqualTo(
            "Error: Failed to grant network permission to component probe: Missing 'host' field"
                + " for network permission");
    assertThat(text(host.call("grant-network-permission", grantArgs(Map.of("host", "")))))
        .isEqualTo(
            "Error: Failed to grant network permission to component probe: Network host cannot"
                + " be empty");
    assertThat(text(host.call("revoke-environment-variable-permission", grantArgs(Map.of()))))
        .isEqualTo(
            "Error: Failed to revoke environment variable permission from component probe:"
                + " Missing 'key' field for environment permission");
    assertThat(text(host.call("revoke-storage-permission", grantArgs(Map.of()))))
        .isEqualTo("Error: Missing 'uri' field in details");
    assertThat(
            text(
                host.call(
                    "grant-storage-permission",
                    grantArgs(Map.of("uri", "fs:///tmp", "access", List.of())))))
        .isEqualTo(
            "Error: Failed to grant storage permission to component probe: Storage access cannot"
                + " be empty");
    assertThat(
            text(
                host.call(
                    "grant-storage-permission",
                    grantArgs(Map.of("uri", "fs:///tmp", "access", List.of("execute"))))))
        .isEqualTo(
            "Error: Failed to grant storage permission to component probe: Invalid access type:"
                + " execute");
  }

  private static Map<String, Object> grantArgs(Map<String, Object> details) {
    return Map.of("component_id", "probe", "details", details);
  }

  private CallToolResult grant(String type, String name, Object value) {
    Map<String, Object> details =
        type.equals("storage")
            ? Map.of("uri", value, "access", List.of("read"))
            : Map.of(name, value);
    return host.call(
        "grant-" + type + "-permission", Map.of("component_id", "probe", "details", details));
  }

  private static void assertRefused(CallToolResult result, String message) {
    assertThat(result.isError()).as(message).isTrue();
    assertThat(text(result)).contains(message).hasSizeLessThan(1000);
  }

  @Test
  void oversizedOrMalformedGrantValuesAreRefusedBeforeTheyAreWritten() throws Exception {
    Path policyFile = componentDir.resolve("probe.policy.yaml");
    String mebibyte = "x".repeat(1 << 20);
    assertRefused(
        grant("storage", "uri", "fs:///tmp/" + mebibyte),
        "storage permission to component probe: uri must be at most 4096 characters");
    assertRefused(
        grant("network", "host", mebibyte + ".example"),
        "network permission to component probe: host must be at most");
    assertRefused(
        grant("network", "host", "a.example\nb.example"),
        "network permission to component probe: host must not contain control characters");
    assertRefused(
        grant("network", "host", "a.example/../../"),
        "network permission to component probe: host must be");
    assertRefused(
        grant("environment-variable", "key", "K" + mebibyte),
        "environment variable permission to component probe: key must be at most 256 characters");
    assertRefused(
        grant("environment-variable", "key", "A\u0000B"),
        "environment variable permission to component probe: key must not contain control"
            + " characters");
    assertThat(policyFile).doesNotExist();

    grantNetwork("127.0.0.1");
    CallToolResult revoked =
        host.call(
            "revoke-network-permission",
            Map.of("component_id", "probe", "details", Map.of("host", "127.0.0.1")));
    assertThat(json(revoked).at("/status").asString()).isEqualTo("permission revoked");
    assertThat(json(host.call("get-policy", Map.of("component_id", "probe"))).at("/status"))
        .hasToString("\"policy found\"");
  }

  @Test
  void storageGrantsOfTheRootAndOfSystemDirectoriesAreRefused() throws Exception {
    Path procLink = Files.createSymbolicLink(sandbox.resolve("proc-link"), Path.of("/proc"));
    Path rootLink = Files.createSymbolicLink(sandbox.resolve("root-link"), Path.of("/"));
    for (String uri :
        List.of(
            "fs:///",
            "fs:///proc",
            "fs:///proc/self",
            "fs:///sys",
            "fs:///dev",
            "fs:///tmp/../proc",
            "fs://" + procLink,
            "fs://" + rootLink,
            "fs://" + procLink + "/self/not-there")) {
      CallToolResult result = grant("storage", "uri", uri);
      assertThat(result.isError()).as(uri).isTrue();
      assertThat(text(result))
          .as(uri)
          .startsWith("Error: Failed to grant storage permission to component probe: uri " + uri)
          .containsAnyOf("filesystem root", "system directory");
    }
    assertThat(componentDir.resolve("probe.policy.yaml")).doesNotExist();
    assertThat(readFile(Path.of("/proc/self/environ"))).startsWith("{\"err\"");
  }

  @Test
  void aPolicyFileGrantingProcFailsTheComponentsCallsNamingTheFile() throws Exception {
    Path policyFile = componentDir.resolve("probe.policy.yaml");
    Files.writeString(
        policyFile,
        "permissions:\n  storage:\n    allow:\n      - uri: fs:///proc\n        access: [read]\n");
    CallToolResult call = host.call("read_file", Map.of("path", "/proc/self/environ"));
    assertThat(call.isError()).isTrue();
    assertThat(text(call)).contains(policyFile.toString(), "uri fs:///proc", "system directory");
    assertThat(text(call)).doesNotContain("PATH=");
  }

  @Test
  @EnabledOnOs({OS.LINUX, OS.MAC})
  void aNamedPipeAsPolicyFileFailsItsComponentAndOthersStillAnswer() throws Exception {
    Path fifo = componentDir.resolve("fsops.policy.yaml");
    Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
    assertThat(mkfifo.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(mkfifo.exitValue()).isZero();
    ExecutorService executor = Executors.newCachedThreadPool();
    try {
      CompletableFuture<CallToolResult> piped =
          CompletableFuture.supplyAsync(
              () -> host.call("fs_op", Map.of("op", "stat", "path", data.toString(), "other", "")),
              executor);
      CompletableFuture<CallToolResult> other =
          CompletableFuture.supplyAsync(
              () -> host.call("get_env", Map.of("key", "PROBE_TOKEN")), executor);
      await().atMost(Duration.ofSeconds(10)).until(() -> piped.isDone() && other.isDone());
      assertThat(other.get().isError()).isFalse();
      assertThat(piped.get().isError()).isTrue();
      assertThat(text(piped.get())).contains(fifo.toString(), "not a regular file");
    } finally {
      try (RandomAccessFile unblock = new RandomAccessFile(fifo.toFile(), "rw")) {
        unblock.getFD().sync();
      } catch (IOException e) {
        // nothing was waiting on the pipe
      }
      executor.shutdownNow();
    }
  }
}
