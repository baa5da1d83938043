package dev.cassette.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The engine's packages depend one way, as in JUnit Jupiter's engine: discovery, then descriptors,
 * then replay, then configuration, matchers and tapes. A package imports only packages of a lower
 * layer; {@link Constants} (the configuration keys) may be named from everywhere.
 */
class PackageLayersTests {

  private static final Path SOURCES = Path.of("src/main/java/dev/cassette/engine");

  private static final Pattern ENGINE_IMPORT =
      Pattern.compile("^import (?:static )?dev\\.cassette\\.engine\\.((?:[a-z]\\w*\\.)*)[A-Z]");

  private static final Map<String, Integer> LAYERS =
      Map.of(
          "tape", 0,
          "match", 0,
          "client", 0,
          "config", 1,
          "record", 1,
          "replay", 2,
          "descriptor", 3,
          "jupiter", 3,
          "discovery", 4,
          "", 5);

  @Test
  void everyEnginePackageImportsOnlyLowerLayers() throws IOException {
    List<String> violations = new ArrayList<>();
    try (Stream<Path> files = Files.walk(SOURCES)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        String from = SOURCES.relativize(file.getParent()).toString().replace('/', '.');
        assertThat(LAYERS).as("layer of package %s", from).containsKey(from);
        for (String line : Files.readAllLines(file)) {
          Matcher imported = ENGINE_IMPORT.matcher(line);
          if (!imported.find() || line.contains("dev.cassette.engine.Constants")) {
            continue;
          }
          String to = imported.group(1).isEmpty() ? "" : imported.group(1).replaceAll("\\.$", "");
          if (!to.equals(from) && LAYERS.getOrDefault(to, 99) >= LAYERS.get(from)) {
            violations.add(SOURCES.relativize(file) + ": " + line.trim());
          }
        }
      }
    }
    assertThat(violations).as("imports of a package in the same or a higher layer").isEmpty();
  }
}
