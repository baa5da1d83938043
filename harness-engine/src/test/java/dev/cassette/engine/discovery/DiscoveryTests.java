package dev.cassette.engine.discovery;

import static dev.cassette.engine.EngineTests.FIXTURES;
import static dev.cassette.engine.EngineTests.discover;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClasspathResource;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClasspathRoots;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectDirectory;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectFile;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectUniqueId;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectUri;

import dev.cassette.engine.descriptor.TapeDescriptor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.DiscoveryIssue;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.discovery.FilePosition;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.ClasspathResourceSource;
import org.junit.platform.engine.support.descriptor.FileSource;
import org.junit.platform.testkit.engine.EngineDiscoveryResults;

class DiscoveryTests {

  static final Path EVERYTHING = FIXTURES.resolve("tapes/everything.tape.json");
  static final Path ECHO = FIXTURES.resolve("tapes/nested/echo.tape.json");
  static final String EVERYTHING_RESOURCE = "dev/cassette/engine/tapes/everything.tape.json";

  static List<String> names(TestDescriptor descriptor) {
    return descriptor.getChildren().stream().map(TestDescriptor::getDisplayName).toList();
  }

  static TestDescriptor only(TestDescriptor descriptor) {
    assertThat(descriptor.getChildren()).hasSize(1);
    return descriptor.getChildren().iterator().next();
  }

  static EngineDiscoveryResults clean(EngineDiscoveryResults results) {
    assertThat(results.getDiscoveryIssues()).isEmpty();
    return results;
  }

  @Nested
  class FileSelectors {
    @Test
    void tapeFileBecomesContainerOfExchanges() {
      TestDescriptor engine =
          clean(discover(Map.of(), selectFile(EVERYTHING.toFile()))).getEngineDescriptor();
      TestDescriptor tape = only(engine);
      assertThat(tape).isInstanceOf(TapeDescriptor.class);
      assertThat(tape.getDisplayName()).isEqualTo("everything");
      assertThat(tape.getSource()).contains(FileSource.from(EVERYTHING.toAbsolutePath().toFile()));
      assertThat(tape.getTags())
          .containsExactlyInAnyOrder(TestTag.create("everything"), TestTag.create("stdio"));
      assertThat(names(tape))
          .containsExactly(
              "initialize (#1)",
              "notifications/initialized (#2)",
              "tools/list (#3)",
              "tools/call echo (#4)",
              "tools/call get-sum (#5)",
              "tools/call trigger-long-running-operation (#6)",
              "tools/call get-structured-content (#7)");
      TestDescriptor echo = tape.getChildren().stream().toList().get(3);
      assertThat(echo.isTest()).isTrue();
      assertThat(echo.getSource())
          .contains(
              FileSource.from(
                  EVERYTHING.toAbsolutePath().toFile(),
                  org.junit.platform.engine.support.descriptor.FilePosition.from(536, 5)));
      assertThat(echo.getUniqueId().getSegments().stream().map(UniqueId.Segment::getType))
          .containsExactly("engine", "tape", "exchange");
      assertThat(echo.getUniqueId().getLastSegment().getValue()).isEqualTo("4");
      assertThat(echo.getTags()).contains(TestTag.create("stdio"));
    }

    @Test
    void filePositionSelectsTheExchangeContainingTheLine() {
      TestDescriptor engine =
          clean(discover(Map.of(), selectFile(EVERYTHING.toFile(), FilePosition.from(545))))
              .getEngineDescriptor();
      assertThat(names(only(engine))).containsExactly("tools/call echo (#4)");
    }

    @Test
    void otherFilesAreNotTapes() {
      EngineDiscoveryResults results = discover(Map.of(), selectFile(Path.of("pom.xml").toFile()));
      assertThat(results.getEngineDescriptor().getChildren()).isEmpty();
    }
  }

  @Nested
  class DirectorySelectors {
    @Test
    void directoryIsSearchedRecursivelyForTapes() {
      TestDescriptor engine =
          clean(discover(Map.of(), selectDirectory(FIXTURES.resolve("tapes").toFile())))
              .getEngineDescriptor();
      assertThat(names(engine)).containsExactly("everything", "echo");
    }
  }

  @Nested
  class UriSelectors {
    @Test
    void fileUriWithLineSelectsOneExchange() {
      String uri = EVERYTHING.toAbsolutePath().toUri() + "?line=545";
      TestDescriptor engine = clean(discover(Map.of(), selectUri(uri))).getEngineDescriptor();
      assertThat(names(only(engine))).containsExactly("tools/call echo (#4)");
    }
  }

  @Nested
  class ClasspathSelectors {
    @Test
    void classpathResourceBecomesTapeWithClasspathSource() {
      TestDescriptor tape =
          only(
              clean(discover(Map.of(), selectClasspathResource(EVERYTHING_RESOURCE)))
                  .getEngineDescriptor());
      assertThat(tape.getSource()).contains(ClasspathResourceSource.from(EVERYTHING_RESOURCE));
      assertThat(tape.getChildren().iterator().next().getSource())
          .contains(
              ClasspathResourceSource.from(
                  EVERYTHING_RESOURCE,
                  org.junit.platform.engine.support.descriptor.FilePosition.from(9, 5)));
    }

    @Test
    void packageFindsTapesInSubfolders() {
      TestDescriptor engine =
          clean(discover(Map.of(), selectPackage("dev.cassette.engine.tapes")))
              .getEngineDescriptor();
      assertThat(names(engine)).containsExactlyInAnyOrder("everything", "echo");
    }

    @Test
    void classpathRootFindsEveryTape() {
      Set<Path> roots = Set.of(Path.of("target/test-classes"));
      EngineDiscoveryResults results =
          discover(
              Map.of(),
              selectClasspathRoots(roots)
                  .toArray(new org.junit.platform.engine.DiscoverySelector[0]));
      assertThat(names(results.getEngineDescriptor())).contains("everything", "echo");
      assertThat(results.getDiscoveryIssues())
          .extracting(DiscoveryIssue::severity)
          .containsOnly(DiscoveryIssue.Severity.WARNING);
    }
  }

  @Nested
  class ClassSelectors {
    @Test
    void tapeSuiteClassContainsItsTapes() {
      TestDescriptor suite =
          only(clean(discover(Map.of(), selectClass(EverythingTapes.class))).getEngineDescriptor());
      assertThat(suite.getSource()).contains(ClassSource.from(EverythingTapes.class));
      assertThat(suite.getUniqueId().getLastSegment().getType()).isEqualTo("suite");
      assertThat(names(suite)).containsExactlyInAnyOrder("everything", "echo");
    }

    @Test
    void suiteLocationsMayBeFilesAndAMissingOneIsAnError() {
      EngineDiscoveryResults results = discover(Map.of(), selectClass(FileLocationTapes.class));
      TestDescriptor suite = only(results.getEngineDescriptor());
      assertThat(names(suite)).containsExactly("echo");
      assertThat(results.getDiscoveryIssues())
          .extracting(DiscoveryIssue::severity, DiscoveryIssue::message)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(
                  DiscoveryIssue.Severity.ERROR,
                  "@TapeSuite "
                      + FileLocationTapes.class.getName()
                      + ": cannot find tapes at \"src/test/resources/nowhere\": no such file or"
                      + " directory: "
                      + Path.of("src/test/resources/nowhere").toAbsolutePath()));
    }

    @Test
    void suiteServerResolvesReferencesAsATestsServerDoes() {
      TestDescriptor suite =
          only(
              clean(discover(Map.of("peers", "/opt/peers"), selectClass(ReferencingTapes.class)))
                  .getEngineDescriptor());
      var server = ((dev.cassette.engine.descriptor.SuiteDescriptor) suite).settings().server();
      assertThat(server.command()).containsExactly("node", "/opt/peers/server.js", "--stdio");
      assertThat(server.workingDirectory()).isEqualTo("/opt/peers");
    }

    @Test
    void suiteUniqueIdSelectsTheWholeSuite() {
      TestDescriptor suite =
          only(discover(Map.of(), selectClass(EverythingTapes.class)).getEngineDescriptor());
      TestDescriptor engine =
          clean(discover(Map.of(), selectUniqueId(suite.getUniqueId()))).getEngineDescriptor();
      assertThat(names(only(engine))).containsExactlyInAnyOrder("everything", "echo");
    }

    @Test
    void otherClassesAreIgnored() {
      assertThat(
              clean(discover(Map.of(), selectClass(DiscoveryTests.class)))
                  .getEngineDescriptor()
                  .getChildren())
          .isEmpty();
    }
  }

  @Nested
  class UniqueIdSelectors {
    @Test
    void uniqueIdSelectsOneExchange() {
      TestDescriptor tape =
          only(discover(Map.of(), selectFile(EVERYTHING.toFile())).getEngineDescriptor());
      UniqueId fifth = tape.getChildren().stream().toList().get(4).getUniqueId();
      TestDescriptor engine =
          clean(discover(Map.of(), selectUniqueId(fifth))).getEngineDescriptor();
      assertThat(names(only(engine))).containsExactly("tools/call get-sum (#5)");
    }

    @Test
    void uniqueIdUnderSuiteSelectsOneExchangeOfTheSuite() {
      TestDescriptor suite =
          only(discover(Map.of(), selectClass(EverythingTapes.class)).getEngineDescriptor());
      TestDescriptor tape =
          suite.getChildren().stream()
              .filter(t -> t.getDisplayName().equals("echo"))
              .findFirst()
              .orElseThrow();
      UniqueId second = tape.getChildren().stream().toList().get(1).getUniqueId();
      TestDescriptor engine =
          clean(discover(Map.of(), selectUniqueId(second))).getEngineDescriptor();
      TestDescriptor onlySuite = only(engine);
      assertThat(onlySuite.getDisplayName()).isEqualTo("EverythingTapes");
      assertThat(names(only(onlySuite)))
          .containsExactly("nested/echo / notifications/initialized (#2)");
    }

    @Test
    void uniqueIdOfTapeSelectsAllItsExchanges() {
      TestDescriptor tape =
          only(discover(Map.of(), selectFile(ECHO.toFile())).getEngineDescriptor());
      TestDescriptor engine =
          clean(discover(Map.of(), selectUniqueId(tape.getUniqueId()))).getEngineDescriptor();
      assertThat(only(engine).getChildren()).hasSize(3);
    }
  }

  @Nested
  class BrokenTapes {
    @Test
    void tapeThatDoesNotParseFailsAloneNamingFileLineAndColumn() {
      Path broken = FIXTURES.resolve("broken/not-json.tape.json");
      EngineDiscoveryResults results =
          discover(Map.of(), selectFile(broken.toFile()), selectFile(ECHO.toFile()));
      assertThat(names(results.getEngineDescriptor()))
          .containsExactly("not-json.tape.json", "echo");
      TestDescriptor brokenTape = results.getEngineDescriptor().getChildren().iterator().next();
      assertThat(brokenTape.isTest()).isTrue();
      assertThat(brokenTape.getSource())
          .contains(
              FileSource.from(
                  broken.toAbsolutePath().toFile(),
                  org.junit.platform.engine.support.descriptor.FilePosition.from(9, 3)));
      assertThat(results.getDiscoveryIssues()).hasSize(1);
      DiscoveryIssue issue = results.getDiscoveryIssues().get(0);
      assertThat(issue.severity()).isEqualTo(DiscoveryIssue.Severity.WARNING);
      assertThat(issue.message())
          .isEqualTo(
              broken
                  + ":9:3: not valid JSON: Unexpected close marker ']': expected '}' (for Object"
                  + " starting at line 5, column 5)");
      assertThat(issue.source()).isEqualTo(brokenTape.getSource());
    }

    @Test
    void unknownMatchSettingIsAnErrorAtTheExchange() {
      Path broken = FIXTURES.resolve("broken/bad-match.tape.json");
      EngineDiscoveryResults results = discover(Map.of(), selectFile(broken.toFile()));
      assertThat(names(results.getEngineDescriptor())).containsExactly("bad-match.tape.json");
      assertThat(results.getDiscoveryIssues())
          .extracting(DiscoveryIssue::message)
          .containsExactly(
              broken
                  + ":5:5: exchange #1 match block: unknown match setting \"ignorePath\" (known:"
                  + " ignorePaths, ignoreArrayOrder, ignoreExtraFields, numericTolerance, nullAsAbsent,"
                  + " jsonInText, notifications, strict)");
    }

    @Test
    void invalidUtf8FailsAloneNamingLineColumnAndByteOffset(@TempDir Path dir) throws Exception {
      Path broken = dir.resolve("latin.tape.json");
      byte[] head = "{\"cassette\":1,\"name\":\"caf".getBytes(StandardCharsets.UTF_8);
      byte[] tail = "\",\"exchanges\":[]}\n".getBytes(StandardCharsets.UTF_8);
      byte[] bytes = new byte[head.length + 1 + tail.length];
      System.arraycopy(head, 0, bytes, 0, head.length);
      bytes[head.length] = (byte) 0xE9; // 'é' in ISO-8859-1
      System.arraycopy(tail, 0, bytes, head.length + 1, tail.length);
      Files.write(broken, bytes);

      EngineDiscoveryResults results = discover(Map.of(), selectFile(broken.toFile()));

      assertThat(results.getDiscoveryIssues())
          .extracting(DiscoveryIssue::message)
          .containsExactly(
              broken
                  + ":1:26: not UTF-8 text: invalid byte sequence 0xE9 at byte offset 25;"
                  + " tapes are UTF-8");
    }

    @Test
    void anIgnorePathThatDoesNotParseMakesTheTapeBroken(@TempDir Path dir) throws Exception {
      Path broken = dir.resolve("paths.tape.json");
      Files.writeString(
          broken,
          "{\n  \"cassette\": 1,\n  \"name\": \"paths\",\n"
              + "  \"match\": { \"ignorePaths\": [\"$.result[\"] },\n  \"exchanges\": []\n}\n");

      EngineDiscoveryResults results = discover(Map.of(), selectFile(broken.toFile()));

      assertThat(results.getDiscoveryIssues())
          .extracting(DiscoveryIssue::message)
          .singleElement()
          .asString()
          .startsWith(broken + ":4:")
          .endsWith(
              "match.ignorePaths[0] \"$.result[\" is not a path: '[' at character 9 is not"
                  + " closed");
    }

    @Test
    void missingTapeFileFailsAlone() {
      Path missing = FIXTURES.resolve("tapes/missing.tape.json");
      EngineDiscoveryResults results =
          discover(Map.of(), selectFile(missing.toString()), selectFile(ECHO.toFile()));
      assertThat(names(results.getEngineDescriptor())).containsExactly("missing.tape.json", "echo");
      assertThat(results.getDiscoveryIssues())
          .extracting(DiscoveryIssue::severity, DiscoveryIssue::message)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(
                  DiscoveryIssue.Severity.WARNING, missing + ": tape not found"));
    }
  }

  @Nested
  class Configuration {
    @Test
    void badValueIsAnErrorNamingTheKeyTheValueAndTheValidValues() {
      EngineDiscoveryResults results =
          discover(
              Map.of("cassette.timeout", "soon", "cassette.record", "sometimes"),
              selectFile(ECHO.toFile()));
      assertThat(results.getDiscoveryIssues())
          .extracting(DiscoveryIssue::severity, DiscoveryIssue::message)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(
                  DiscoveryIssue.Severity.ERROR,
                  "configuration parameter cassette.timeout has invalid value \"soon\" (expected a"
                      + " positive duration: 10s, 500ms, 2m, 1h or ISO-8601 PT10S)"),
              org.assertj.core.groups.Tuple.tuple(
                  DiscoveryIssue.Severity.ERROR,
                  "configuration parameter cassette.record has invalid value \"sometimes\""
                      + " (expected one of none, new, all, failing)"));
    }

    @Test
    void unknownCassetteKeyIsAnErrorThatSuggestsTheNearestKey() {
      EngineDiscoveryResults results =
          discover(Map.of("cassette.recrod", "all"), selectFile(ECHO.toFile()));
      assertThat(results.getDiscoveryIssues())
          .extracting(DiscoveryIssue::severity, DiscoveryIssue::message)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(
                  DiscoveryIssue.Severity.ERROR,
                  "unknown configuration parameter cassette.recrod: did you mean cassette.record?"
                      + " (the keys are listed in docs/configuration.md)"));
    }

    @Test
    void aBadValueFailsTheRunAndRunsNoTape() {
      var events =
          dev.cassette.engine.EngineTests.execute(
                  Map.of("cassette.timeout", "soon"), selectFile(ECHO.toFile()))
              .allEvents();
      assertThat(events.started().count()).isEqualTo(1);
      assertThat(events.failed().stream())
          .singleElement()
          .satisfies(
              event ->
                  assertThat(
                          event
                              .getRequiredPayload(
                                  org.junit.platform.engine.TestExecutionResult.class)
                              .getThrowable()
                              .orElseThrow()
                              .getMessage())
                      .contains("cassette.timeout has invalid value \"soon\""));
    }
  }
}
