package dev.cassette.host.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PolicyYamlTest {
  private static final String WASSETTE_POLICY =
      """
      version: "1.0"
      description: "Weather tool"
      permissions:
        storage:
          allow:
            - uri: "fs:///tmp/cache"
              access: ["read", "write"]
            - uri: "fs:///etc/ssl"
              access: ["read"]
        network:
          allow:
            - host: "api.open-meteo.com"
        environment:
          allow:
            - key: "API_KEY"
      resources:
        limits:
          memory: "64Mi"
      """;

  @Test
  void parsesWassettesFormat() throws Exception {
    Policy policy = PolicyYaml.parse(WASSETTE_POLICY, "weather.policy.yaml");
    assertThat(policy.version()).isEqualTo("1.0");
    assertThat(policy.description()).isEqualTo("Weather tool");
    assertThat(policy.storage())
        .containsExactly(
            new StorageGrant("fs:///tmp/cache", Set.of(Access.READ, Access.WRITE)),
            new StorageGrant("fs:///etc/ssl", Set.of(Access.READ)));
    assertThat(policy.storage().get(1).readOnly()).isTrue();
    assertThat(policy.storage().get(0).path()).hasToString("/tmp/cache");
    assertThat(policy.network()).containsExactly(new NetworkGrant("api.open-meteo.com"));
    assertThat(policy.environment()).containsExactly("API_KEY");
    assertThat(policy.memoryLimitBytes()).hasValue(64L << 20);
  }

  @Test
  void rendersWhatItParses() throws Exception {
    Policy policy = PolicyYaml.parse(WASSETTE_POLICY, "weather.policy.yaml");
    String yaml = PolicyYaml.render(policy);
    assertThat(PolicyYaml.parse(yaml, "again")).isEqualTo(policy);
    assertThat(yaml).contains("permissions:\n  storage:\n    allow:\n");
  }

  @Test
  void anEmptyDocumentDeniesEverything() throws Exception {
    assertThat(PolicyYaml.parse("", "empty.policy.yaml")).isEqualTo(Policy.denyAll());
  }

  @Test
  void errorsNameTheFileAndTheProblem() {
    assertThatThrownBy(() -> PolicyYaml.parse("permissions: [", "broken.policy.yaml"))
        .isInstanceOf(PolicyException.class)
        .hasMessageContaining("broken.policy.yaml")
        .hasMessageContaining("line");
    assertThatThrownBy(
            () ->
                PolicyYaml.parse(
                    "permissions:\n  storage:\n    allow:\n      - uri: /tmp\n        access: [read]\n",
                    "relative.policy.yaml"))
        .isInstanceOf(PolicyException.class)
        .hasMessageContaining("relative.policy.yaml")
        .hasMessageContaining("fs://");
    assertThatThrownBy(
            () ->
                PolicyYaml.parse(
                    "permissions:\n  storage:\n    allow:\n      - uri: fs:///tmp\n        access: [exec]\n",
                    "access.policy.yaml"))
        .hasMessageContaining("'exec'");
    assertThatThrownBy(
            () -> PolicyYaml.parse("resources:\n  limits:\n    memory: lots\n", "mem.policy.yaml"))
        .hasMessageContaining("mem.policy.yaml")
        .hasMessageContaining("lots");
  }

  @Test
  void deeplyNestedDocumentsAreRefusedWithADepthError() {
    int depth = 20_000;
    String flow = "permissions: " + "[".repeat(depth) + "]".repeat(depth) + "\n";
    assertThatThrownBy(() -> PolicyYaml.parse(flow, "deep.policy.yaml"))
        .isInstanceOf(PolicyException.class)
        .hasMessageContaining("deep.policy.yaml")
        .hasMessageContaining("nested deeper than 64");
    String mappings = "a: {".repeat(depth) + "}".repeat(depth) + "\n";
    assertThatThrownBy(() -> PolicyYaml.parse(mappings, "maps.policy.yaml"))
        .isInstanceOf(PolicyException.class)
        .hasMessageContaining("maps.policy.yaml")
        .hasMessageContaining("nested deeper than 64");
  }

  @Test
  void cyclicAliasesFailWithAPolicyError() {
    String cycle = "permissions: &a\n  storage: &b [[*b]]\n";
    assertThatThrownBy(() -> PolicyYaml.parse(cycle, "cycle.policy.yaml"))
        .isInstanceOf(PolicyException.class)
        .hasMessageContaining("cycle.policy.yaml")
        .hasMessageContaining("permissions.storage must be a mapping");
  }

  @Test
  void grantValuesAreCheckedWhenPolicyFilesAreParsed() {
    String longKey = "K".repeat(100_000);
    assertThatThrownBy(
            () ->
                PolicyYaml.parse(
                    "permissions:\n  environment:\n    allow:\n      - key: " + longKey + "\n",
                    "key.policy.yaml"))
        .isInstanceOf(PolicyException.class)
        .hasMessageContaining("key.policy.yaml")
        .hasMessageContaining("key must be at most 256 characters");
    assertThatThrownBy(
            () ->
                PolicyYaml.parse(
                    "permissions:\n  network:\n    allow:\n      - host: \"a.example\\nb\"\n",
                    "host.policy.yaml"))
        .hasMessageContaining("host.policy.yaml")
        .hasMessageContaining("host must not contain control characters");
  }

  @Test
  void grantValuesAreValidated() {
    assertThatThrownBy(() -> new NetworkGrant("h".repeat(1 << 20)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("host must be at most");
    for (String bad :
        List.of(
            "a.example\nb",
            "a b.example",
            "ftp://a.example",
            "a.example:99999",
            "a.example:",
            "-a.example",
            "a..example",
            "user@a.example",
            "*",
            "a.example/path")) {
      assertThatThrownBy(() -> new NetworkGrant(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("host ");
    }
    for (String good :
        List.of(
            "api.example.com",
            "127.0.0.1",
            "127.0.0.1:8080",
            "https://api.example.com",
            "http://127.0.0.1:8080",
            "*.example.com",
            "localhost",
            "[::1]",
            "[::1]:8443",
            "xn--bcher-kva.example")) {
      assertThat(new NetworkGrant(good).host()).isEqualTo(good);
    }
    assertThatThrownBy(() -> new StorageGrant("fs:///tmp/" + "x".repeat(5000), Set.of(Access.READ)))
        .hasMessageStartingWith("uri must be at most 4096 characters");
    assertThatThrownBy(() -> new StorageGrant("fs:///tmp/a\u0000b", Set.of(Access.READ)))
        .hasMessageStartingWith("uri must not contain control characters");
    assertThatThrownBy(() -> Policy.denyAll().withEnvironment("A=B"))
        .hasMessageStartingWith("key must not contain");
    assertThatThrownBy(() -> Policy.denyAll().withEnvironment("A\nB"))
        .hasMessageStartingWith("key must not contain control characters");
    assertThat(Policy.denyAll().withEnvironment("ProgramFiles(x86)").environment()).hasSize(1);
  }

  @Test
  void grantsMergeAndRevokesRemove() {
    Policy policy =
        Policy.denyAll()
            .withStorage(new StorageGrant("fs:///data", Set.of(Access.READ)))
            .withStorage(new StorageGrant("fs:///data", Set.of(Access.WRITE)))
            .withNetwork("a.example")
            .withNetwork("a.example")
            .withEnvironment("K")
            .withEnvironment("K");
    assertThat(policy.storage()).hasSize(1);
    assertThat(policy.storage().get(0).access()).containsExactly(Access.READ, Access.WRITE);
    assertThat(policy.network()).hasSize(1);
    assertThat(policy.environment()).hasSize(1);
    Policy revoked =
        policy.withoutStorage("fs:///data").withoutNetwork("a.example").withoutEnvironment("K");
    assertThat(revoked).isEqualTo(Policy.denyAll());
  }

  @Test
  void networkEntriesMatchHostAndOptionallySchemeAndPort() {
    URI url = URI.create("http://127.0.0.1:8080/x");
    assertThat(new NetworkGrant("127.0.0.1").allows(url)).isTrue();
    assertThat(new NetworkGrant("127.0.0.1:8080").allows(url)).isTrue();
    assertThat(new NetworkGrant("127.0.0.1:9090").allows(url)).isFalse();
    assertThat(new NetworkGrant("http://127.0.0.1:8080").allows(url)).isTrue();
    assertThat(new NetworkGrant("https://127.0.0.1").allows(url)).isFalse();
    assertThat(new NetworkGrant("localhost").allows(url)).isFalse();
    assertThat(new NetworkGrant("*.example.com").allows(URI.create("https://api.example.com/")))
        .isTrue();
    assertThat(new NetworkGrant("*.example.com").allows(URI.create("https://example.org/")))
        .isFalse();
    assertThat(
            new NetworkGrant("api.example.com:443").allows(URI.create("https://api.example.com/")))
        .isTrue();
  }

  @Test
  void memorySizesUseKubernetesUnits() {
    assertThat(MemorySize.parseBytes("64Mi")).isEqualTo(64L << 20);
    assertThat(MemorySize.parseBytes("1Gi")).isEqualTo(1L << 30);
    assertThat(MemorySize.parseBytes("512Ki")).isEqualTo(512L << 10);
    assertThat(MemorySize.parseBytes("100M")).isEqualTo(100_000_000L);
    assertThat(MemorySize.parseBytes("4096")).isEqualTo(4096L);
    for (String bad : List.of("", "Mi", "12Xi")) {
      assertThatThrownBy(() -> MemorySize.parseBytes(bad))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }
}
