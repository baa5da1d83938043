package dev.cassette.proxy.record;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cassette.proxy.jsonrpc.JsonRpcMessage;
import dev.cassette.proxy.tape.Component;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ComponentProbeTest {

  @TempDir Path dir;

  private static JsonRpcMessage load(String path) {
    return JsonRpcMessage.parse(
        "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"load-component\","
            + "\"arguments\":{\"path\":\""
            + path
            + "\"}}}");
  }

  @Test
  void describesALocalComponentWithItsHashAndPolicy() throws Exception {
    Path wasm = Files.write(dir.resolve("weather.wasm"), new byte[] {0, 'a', 's', 'm'});
    Files.writeString(dir.resolve("weather.policy.yaml"), "version: \"1.0\"\n");
    ComponentProbe probe = new ComponentProbe(dir);

    Component byUri = probe.inspect(load(wasm.toUri().toString())).orElseThrow();
    Component relative = probe.inspect(load("weather.wasm")).orElseThrow();

    assertThat(byUri.id()).isEqualTo("weather");
    assertThat(byUri.source()).isEqualTo(wasm.toUri().toString());
    assertThat(byUri.sha256())
        .isEqualTo("cd5d4935a48c0672cb06407bb443bc0087aff947c6b864bac886982c73b3027f");
    assertThat(byUri.policy()).isEqualTo("version: \"1.0\"\n");
    assertThat(relative.sha256()).isEqualTo(byUri.sha256());
  }

  @Test
  void ignoresRemoteSourcesMissingFilesAndOtherCalls() throws Exception {
    ComponentProbe probe = new ComponentProbe(dir);

    assertThat(probe.inspect(load("oci://ghcr.io/x/weather:latest"))).isEqualTo(Optional.empty());
    assertThat(probe.inspect(load("missing.wasm"))).isEmpty();
    assertThat(
            probe.inspect(
                JsonRpcMessage.parse("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}")))
        .isEmpty();
  }
}
