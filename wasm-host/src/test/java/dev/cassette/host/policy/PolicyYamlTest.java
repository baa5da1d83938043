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
