package dev.cassette.engine.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class AllowedCommandsTests {

  static AllowedCommands allowed(String... entries) {
    return new AllowedCommands(java.util.Arrays.stream(entries).map(CommandLine::split).toList());
  }

  @Test
  void anEntryWordMatchesTheWordAsWrittenNotTheFileItNames() {
    AllowedCommands node = allowed("node");
    assertThat(node.allows(List.of("node", "server.js"))).isTrue();
    assertThat(node.allows(List.of("node"))).isTrue();
    assertThat(node.allows(List.of("/usr/bin/node", "server.js"))).isFalse();
    assertThat(node.allows(List.of("./node", "server.js"))).isFalse();
    assertThat(node.allows(List.of("nodejs", "server.js"))).isFalse();
    assertThat(node.allows(List.of())).isFalse();
    assertThat(allowed().allows(List.of("node"))).isFalse();
  }

  @Test
  void anEntryOfSeveralWordsIsACommandPrefix() {
    AllowedCommands script = allowed("node src/server.js", "uvx 'my tool'");
    assertThat(script.allows(List.of("node", "src/server.js", "--port", "0"))).isTrue();
    assertThat(script.allows(List.of("uvx", "my tool"))).isTrue();
    assertThat(script.allows(List.of("node", "-e", "require('child_process')"))).isFalse();
    assertThat(script.allows(List.of("node"))).isFalse();
    assertThat(script.allows(List.of("uvx", "my", "tool"))).isFalse();
  }

  @Test
  void entryWordsWithGlobCharactersAreGlobs() {
    AllowedCommands globs = allowed("./bin/*", "{node,deno} servers/**.js", "python3.?");
    assertThat(globs.allows(List.of("./bin/server", "--stdio"))).isTrue();
    assertThat(globs.allows(List.of("./bin/sub/server"))).isFalse();
    assertThat(globs.allows(List.of("deno", "servers/a/b.js"))).isTrue();
    assertThat(globs.allows(List.of("bun", "servers/a.js"))).isFalse();
    assertThat(globs.allows(List.of("python3.9", "-m", "server"))).isTrue();
    assertThat(globs.allows(List.of("python3.12"))).isFalse();
  }

  @Test
  void aWordWithADotDotNameNeverMatchesAGlob() {
    assertThat(allowed("node servers/**").allows(List.of("node", "servers/../../evil.js")))
        .isFalse();
    assertThat(allowed("./bin/*").allows(List.of("./bin/.."))).isFalse();
    assertThat(allowed("../server").allows(List.of("../server"))).isTrue();
  }
}
