package dev.cassette.host;

import static dev.cassette.host.HostFixture.json;
import static dev.cassette.host.HostFixture.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.cassette.host.policy.Access;
import dev.cassette.host.policy.Policy;
import dev.cassette.host.policy.PolicyYaml;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
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
    assertThat(json(granted).at("/status").asString()).isEqualTo("permission granted");
    assertThat(json(granted).at("/permission_type").asString()).isEqualTo("storage");
    assertThat(readFile(file)).isEqualTo("{\"ok\":\"inside the grant\"}");

    CallToolResult revoked =
        host.call(
            "revoke-storage-permission",
            Map.of("component_id", "probe", "details", Map.of("uri", uri(data))));
    assertThat(json(revoked).at("/status").asString()).isEqualTo("permission revoked");
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
    assertThat(json(granted).at("/status").asString()).isEqualTo("permission granted");
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
        .isEqualTo("{\"status\":\"permissions reset\",\"component_id\":\"probe\"}");
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
        .isEqualTo(
            "Error: Failed to grant network permission to component nope: Component not found:"
                + " nope");

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
  }
}
