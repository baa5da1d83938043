package dev.cassette.proxy.record;

import static dev.cassette.proxy.session.SessionListener.Direction.CLIENT_TO_SERVER;
import static dev.cassette.proxy.session.SessionListener.Direction.SERVER_TO_CLIENT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cassette.proxy.session.SessionListener.Direction;
import dev.cassette.proxy.tape.Component;
import dev.cassette.proxy.tape.ServerSpec;
import dev.cassette.proxy.tape.Tape;
import dev.cassette.proxy.tape.TapeCodec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The components a recording holds: preloaded ones, successful loads, and their tools. */
class RecorderComponentsTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final String INVENTORY_SHA256 =
      "cd5d4935a48c0672cb06407bb443bc0087aff947c6b864bac886982c73b3027f";
  private static final String POLICY = "version: \"1.0\"\ndescription: inventory\n";

  @TempDir Path dir;
  private final List<String> status = new ArrayList<>();

  @BeforeEach
  void componentFolder() throws Exception {
    Path folder = Files.createDirectories(dir.resolve("components"));
    Files.write(folder.resolve("inventory.wasm"), new byte[] {0, 'a', 's', 'm'});
    Files.writeString(folder.resolve("inventory.policy.yaml"), POLICY);
    Files.writeString(folder.resolve("README.md"), "not a component");
    Files.writeString(dir.resolve("package.json"), "{}");
  }

  private Recorder start(ServerSpec server) throws Exception {
    return Recorder.start(
        new RecorderOptions(
            dir.resolve("session.tape.json"), "session", List.of(), server, dir, status::add),
        TestRedactions.canary("s3cr3t-value"));
  }

  private static void line(Recorder recorder, Direction direction, String json) {
    recorder.onLine(direction, json.getBytes(StandardCharsets.UTF_8), System.nanoTime());
  }

  private static void call(Recorder recorder, int id, String tool, String arguments) {
    line(
        recorder,
        CLIENT_TO_SERVER,
        "{\"jsonrpc\":\"2.0\",\"id\":"
            + id
            + ",\"method\":\"tools/call\",\"params\":{\"name\":\""
            + tool
            + "\",\"arguments\":"
            + arguments
            + "}}");
  }

  private static void answer(Recorder recorder, int id, String text, boolean isError) {
    line(
        recorder,
        SERVER_TO_CLIENT,
        "{\"jsonrpc\":\"2.0\",\"id\":"
            + id
            + ",\"result\":{\"content\":[{\"type\":\"text\",\"text\":"
            + tools.jackson.databind.node.JsonNodeFactory.instance.stringNode(text)
            + "}],\"isError\":"
            + isError
            + "}}");
  }

  private Tape finish(Recorder recorder) throws Exception {
    recorder.finish(TIMEOUT);
    return TapeCodec.read(dir.resolve("session.tape.json"));
  }

  @Test
  void recordsThePreloadedComponentsOfTheFolderTheCommandNamesWithTheirHashAndPolicy()
      throws Exception {
    Recorder recorder =
        start(ServerSpec.stdio(List.of("wassette", "run", "--component-dir", "components")));

    Tape tape = finish(recorder);

    assertThat(tape.server().componentDir()).isEqualTo("components");
    assertThat(tape.components())
        .containsExactly(
            new Component(
                "inventory",
                Path.of("components", "inventory.wasm").toString(),
                INVENTORY_SHA256,
                POLICY,
                null));
  }

  @Test
  void aServerBlockMayNameTheComponentFolderAndListComponentsGivesTheToolSurface()
      throws Exception {
    Recorder recorder =
        start(
            ServerSpec.stdio(List.of("test-peers/wassette/hermetic-run.sh", "components"))
                .withComponentDir("components"));
    call(recorder, 1, "list-components", "{}");
    answer(
        recorder,
        1,
        "{\"components\":[{\"id\":\"inventory\",\"tools_count\":2,\"schema\":{\"tools\":"
            + "[{\"name\":\"summarize\"},{\"name\":\"find\"}]}}],\"total\":1}",
        false);

    Tape tape = finish(recorder);

    assertThat(tape.components()).hasSize(1);
    assertThat(tape.components().get(0).sha256()).isEqualTo(INVENTORY_SHA256);
    assertThat(tape.components().get(0).policy()).isEqualTo(POLICY);
    assertThat(tape.components().get(0).tools()).containsExactly("summarize", "find");
  }

  @Test
  void aFailedLoadComponentIsNotRecordedAndASuccessfulOneIsWithItsTools() throws Exception {
    Recorder recorder = start(ServerSpec.stdio(List.of("wassette", "run")));
    call(recorder, 1, "load-component", "{\"path\":\"package.json\"}");
    answer(
        recorder,
        1,
        "Error: Failed to load component: package.json: Invalid component reference.",
        true);
    call(recorder, 2, "load-component", "{\"path\":\"components/inventory.wasm\"}");
    line(
        recorder,
        SERVER_TO_CLIENT,
        "{\"jsonrpc\":\"2.0\",\"id\":2,\"error\":{\"code\":-32603,\"message\":\"busy\"}}");
    call(recorder, 3, "load-component", "{\"path\":\"components/inventory.wasm\"}");
    answer(
        recorder,
        3,
        "{\"status\":\"component loaded successfully\",\"id\":\"inventory\","
            + "\"tools\":[\"summarize\",\"find\",\"units\"]}",
        false);

    Tape tape = finish(recorder);

    assertThat(tape.server().componentDir()).isNull();
    assertThat(tape.components()).extracting(Component::id).containsExactly("inventory");
    Component inventory = tape.components().get(0);
    assertThat(inventory.source()).isEqualTo("components/inventory.wasm");
    assertThat(inventory.sha256()).isEqualTo(INVENTORY_SHA256);
    assertThat(inventory.tools()).containsExactly("summarize", "find", "units");
    assertThat(inventory.policy()).isEqualTo(POLICY);
  }

  @Test
  void aLoadWithoutAResponseIsNotRecorded() throws Exception {
    Recorder recorder = start(ServerSpec.stdio(List.of("wassette", "run")));
    call(recorder, 1, "load-component", "{\"path\":\"components/inventory.wasm\"}");

    recorder.finish(TIMEOUT);

    assertThat(TapeCodec.read(dir.resolve("session.tape.json")).components()).isEmpty();
  }
}
