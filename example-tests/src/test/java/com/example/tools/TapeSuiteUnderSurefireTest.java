package com.example.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestEngine;

/**
 * A {@code @TapeSuite} run by Surefire itself, with its rerun setting on: a tape whose exchange
 * fails on every run must fail the build, not pass as a flake. Surefire files every exchange of a
 * suite under the suite class and takes test cases of one name for runs of one test, so two tapes
 * with the same exchanges, one passing and one failing, only stay apart when each exchange's name
 * holds its tape.
 *
 * <p>The test writes a tiny Maven project into a temporary folder (the suite class compiled here,
 * two copies of the calculator's {@code add} tape, the second expecting a wrong sum) and runs
 * Surefire's {@code test} goal on it offline, with this test's own classpath, so it checks the
 * Cassette classes of this build.
 */
class TapeSuiteUnderSurefireTest {

  static final Pattern TESTCASE = Pattern.compile("<testcase name=\"([^\"]*)\"");

  @Test
  void aTapeFailingOnEveryRunFailsTheBuildWithRerunsOn(@TempDir Path project) throws Exception {
    Path tapes = Files.createDirectories(project.resolve("tapes"));
    String add = resource("tapes/calculator/add.tape.json");
    assertThat(add).startsWith("{\n  \"cassette\": 1,\n  \"name\": \"add\",").contains("42.0");
    String tapeName = "\"name\": \"add\",";
    Files.writeString(
        tapes.resolve("alpha.tape.json"), add.replaceFirst(tapeName, "\"name\": \"alpha\","));
    Files.writeString(
        tapes.resolve("beta.tape.json"),
        add.replaceFirst(tapeName, "\"name\": \"beta\",").replace("42.0", "43.0"));
    compileSuite(project, tapes);
    Files.writeString(project.resolve("pom.xml"), pom());

    Path log = project.resolve("build.log");
    List<String> command = new ArrayList<>(List.of(maven(), "-o", "-B"));
    String repository = System.getProperty("localRepository");
    if (repository != null) {
      command.add("-Dmaven.repo.local=" + repository);
    }
    command.add("-Dsurefire.rerunFailingTestsCount=1");
    command.add("org.apache.maven.plugins:maven-surefire-plugin:" + surefireVersion() + ":test");
    Process maven =
        new ProcessBuilder(command)
            .directory(project.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    boolean finished = maven.waitFor(3, TimeUnit.MINUTES);
    if (!finished) {
      maven.destroyForcibly();
    }
    assertThat(finished).as("Maven finished within 3 minutes").isTrue();
    String output = Files.readString(log);

    assertThat(maven.exitValue()).as(output).isNotZero();
    assertThat(output)
        .contains("Tests run: 6, Failures: 1, Errors: 0, Skipped: 0")
        .doesNotContain("Flakes:");
    String xml =
        Files.readString(
            project.resolve("target/surefire-reports/TEST-rerun.AddTapesTest.xml"),
            StandardCharsets.UTF_8);
    List<String> names = new ArrayList<>();
    Matcher testcase = TESTCASE.matcher(xml);
    while (testcase.find()) {
      names.add(testcase.group(1));
    }
    assertThat(names)
        .containsExactlyInAnyOrder(
            "alpha / initialize (#1)",
            "alpha / notifications/initialized (#2)",
            "alpha / tools/call add (#3)",
            "beta / initialize (#1)",
            "beta / notifications/initialized (#2)",
            "beta / tools/call add (#3)");
    assertThat(xml).contains("<rerunFailure").doesNotContain("<flakyFailure");
  }

  static String resource(String name) throws IOException {
    try (InputStream in =
        TapeSuiteUnderSurefireTest.class.getClassLoader().getResourceAsStream(name)) {
      assertThat(in).as(name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** Compiles the suite class into the project's {@code target/test-classes}. */
  static void compileSuite(Path project, Path tapes) throws IOException {
    Path components = basedir().resolve("../components").toAbsolutePath().normalize();
    Path sources = Files.createDirectories(project.resolve("src/test/java/rerun"));
    Path suite = sources.resolve("AddTapesTest.java");
    Files.writeString(
        suite,
        "package rerun;\n"
            + "@dev.cassette.annotations.TapeSuite(\""
            + javaString(tapes.toString())
            + "\")\n"
            + "@dev.cassette.annotations.Server(embedded = \"wassette\", settings = {"
            + "\"componentDir="
            + javaString(components.toString())
            + "\", \"deterministic=true\"})\n"
            + "public class AddTapesTest {}\n");
    Path classes = Files.createDirectories(project.resolve("target/test-classes"));
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    int status =
        javac.run(
            null,
            null,
            null,
            "-classpath",
            System.getProperty("java.class.path"),
            "-d",
            classes.toString(),
            suite.toString());
    assertThat(status).as("javac exit status").isZero();
  }

  static String pom() {
    StringBuilder classpath = new StringBuilder();
    for (String element : System.getProperty("java.class.path").split(File.pathSeparator)) {
      classpath
          .append("<additionalClasspathElement>")
          .append(xml(element))
          .append("</additionalClasspathElement>");
    }
    return """
        <project xmlns="http://maven.apache.org/POM/4.0.0">
          <modelVersion>4.0.0</modelVersion>
          <groupId>com.example</groupId>
          <artifactId>rerun-check</artifactId>
          <version>1</version>
          <properties><project.build.sourceEncoding>UTF-8</project.build.sourceEncoding></properties>
          <dependencies>
            <dependency>
              <groupId>org.junit.platform</groupId>
              <artifactId>junit-platform-engine</artifactId>
              <version>%s</version>
              <scope>test</scope>
            </dependency>
          </dependencies>
          <build>
            <plugins>
              <plugin>
                <groupId>org.apache.maven.plugins</groupId>
                <artifactId>maven-surefire-plugin</artifactId>
                <version>%s</version>
                <configuration>
                  <additionalClasspathElements>%s</additionalClasspathElements>
                </configuration>
              </plugin>
            </plugins>
          </build>
        </project>
        """
        .formatted(
            TestEngine.class.getPackage().getImplementationVersion(), surefireVersion(), classpath);
  }

  static Path basedir() {
    String basedir = System.getProperty("basedir");
    assertThat(basedir).as("system property basedir (set by Surefire)").isNotNull();
    return Path.of(basedir);
  }

  /** The version of the Surefire running this test, which is in the local repository. */
  static String surefireVersion() {
    try {
      String version =
          Class.forName("org.apache.maven.surefire.booter.ForkedBooter")
              .getPackage()
              .getImplementationVersion();
      assertThat(version).as("Surefire's version").isNotNull();
      return version;
    } catch (ClassNotFoundException e) {
      throw new AssertionError("this test runs under Maven Surefire only", e);
    }
  }

  static String maven() {
    String home = System.getProperty("maven.home");
    return home == null || home.isBlank() ? "mvn" : Path.of(home, "bin", "mvn").toString();
  }

  static String javaString(String text) {
    return text.replace("\\", "\\\\").replace("\"", "\\\"");
  }

  static String xml(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;");
  }
}
