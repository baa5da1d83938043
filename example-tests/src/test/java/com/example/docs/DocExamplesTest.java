package com.example.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The Java examples of {@code docs/jupiter.md} and of {@code @CassetteTest}'s Javadoc are copies of
 * test classes in this module, so they compile and pass as shown.
 */
class DocExamplesTest {

  /** The repository root: the parent of this module's folder (Surefire's {@code basedir}). */
  private static final Path ROOT =
      Path.of(System.getProperty("basedir", "")).toAbsolutePath().getParent();

  private static final Pattern SOURCE_LINK =
      Pattern.compile("\\]\\(\\.\\./(example-tests/[^)]+\\.java)\\)");

  private static final Pattern CLASS_DECLARATION =
      Pattern.compile("(?m)^(public |final )*(class|interface|record|enum) ");

  /** A fenced Java block of a Markdown file and the paragraph before it. */
  private record JavaBlock(String lead, String code, int line) {}

  @Test
  void everyJavaClassInTheJupiterGuideIsATestOfThisModuleVerbatim() throws IOException {
    List<JavaBlock> blocks = javaBlocks(ROOT.resolve("docs/jupiter.md"));
    List<JavaBlock> classes =
        blocks.stream().filter(block -> CLASS_DECLARATION.matcher(block.code()).find()).toList();

    assertThat(classes).as("Java classes in docs/jupiter.md").hasSizeGreaterThanOrEqualTo(3);
    for (JavaBlock block : classes) {
      Matcher link = SOURCE_LINK.matcher(block.lead());
      assertThat(link.find())
          .as(
              "docs/jupiter.md line %d: a class example is introduced by a link to its source file",
              block.line())
          .isTrue();
      Path source = ROOT.resolve(link.group(1));
      assertThat(block.code())
          .as("docs/jupiter.md line %d is a copy of %s", block.line(), link.group(1))
          .isEqualTo(Files.readString(source));
    }
  }

  @Test
  void theCassetteTestJavadocExampleIsTheGuidesSmallestExample() throws IOException {
    String javadoc =
        Files.readString(
            ROOT.resolve(
                "harness-engine/src/main/java/dev/cassette/engine/jupiter/CassetteTest.java"));
    Matcher pre =
        Pattern.compile("<pre>\\{@code\\n(.*?)\\n \\*\\s*}</pre>", Pattern.DOTALL).matcher(javadoc);
    assertThat(pre.find()).as("CassetteTest's Javadoc has a code example").isTrue();
    String example =
        pre.group(1)
            .lines()
            .map(line -> line.replaceFirst("^ \\* ?", ""))
            .collect(Collectors.joining("\n", "", "\n"));

    String test =
        Files.readString(
            ROOT.resolve("example-tests/src/test/java/com/example/docs/CalculatorTest.java"));
    assertThat(example).isEqualTo(test.substring(test.indexOf("import ")));
  }

  private static List<JavaBlock> javaBlocks(Path markdown) throws IOException {
    List<String> lines = Files.readAllLines(markdown);
    List<JavaBlock> blocks = new ArrayList<>();
    StringBuilder paragraph = new StringBuilder();
    boolean afterBlank = true;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.equals("```java")) {
        int first = i + 1;
        StringBuilder code = new StringBuilder();
        while (!lines.get(++i).equals("```")) {
          code.append(lines.get(i)).append('\n');
        }
        blocks.add(new JavaBlock(paragraph.toString(), code.toString(), first + 1));
        paragraph.setLength(0);
      } else if (line.isBlank()) {
        afterBlank = true;
      } else {
        if (afterBlank) {
          paragraph.setLength(0);
        }
        paragraph.append(line).append('\n');
        afterBlank = false;
      }
    }
    return blocks;
  }
}
