package dev.cassette.engine.discovery;

import static dev.cassette.proxy.tape.TapeCodec.FILE_SUFFIX;

import dev.cassette.engine.tape.TapeLocation;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.platform.engine.DiscoveryIssue;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.discovery.DirectorySelector;
import org.junit.platform.engine.discovery.FilePosition;
import org.junit.platform.engine.discovery.FileSelector;
import org.junit.platform.engine.discovery.UriSelector;
import org.junit.platform.engine.support.descriptor.DirectorySource;
import org.junit.platform.engine.support.discovery.DiscoveryIssueReporter;
import org.junit.platform.engine.support.discovery.SelectorResolver;

/** Turns file, directory and URI selectors into tape selectors. */
final class FileResolver implements SelectorResolver {

  private final DiscoveryIssueReporter issues;

  FileResolver(DiscoveryIssueReporter issues) {
    this.issues = issues;
  }

  @Override
  public Resolution resolve(FileSelector selector, Context context) {
    Path path = selector.getPath();
    if (!path.getFileName().toString().endsWith(FILE_SUFFIX)) {
      return Resolution.unresolved();
    }
    Integer line = selector.getPosition().map(FilePosition::getLine).orElse(null);
    return Resolution.selectors(Set.of(new TapeSelector(TapeLocation.ofFile(path), line)));
  }

  @Override
  public Resolution resolve(DirectorySelector selector, Context context) {
    Path directory = selector.getPath();
    if (!Files.isDirectory(directory)) {
      return Resolution.unresolved();
    }
    Set<DiscoverySelector> tapes = new LinkedHashSet<>();
    try (Stream<Path> files = Files.walk(directory)) {
      List<Path> sorted =
          files
              .filter(Files::isRegularFile)
              .filter(file -> file.getFileName().toString().endsWith(FILE_SUFFIX))
              .sorted()
              .toList();
      sorted.forEach(file -> tapes.add(TapeSelector.whole(TapeLocation.ofFile(file))));
    } catch (IOException | RuntimeException e) {
      issues.reportIssue(
          DiscoveryIssue.builder(
                  DiscoveryIssue.Severity.ERROR,
                  "cannot list tapes in " + directory + ": " + e.getMessage())
              .source(DirectorySource.from(directory.toFile()))
              .cause(e));
      return Resolution.unresolved();
    }
    return tapes.isEmpty() ? Resolution.unresolved() : Resolution.selectors(tapes);
  }

  @Override
  public Resolution resolve(UriSelector selector, Context context) {
    URI uri = selector.getUri();
    String path = uri.getPath() != null ? uri.getPath() : uri.getSchemeSpecificPart();
    if (path == null || !path.endsWith(FILE_SUFFIX)) {
      return Resolution.unresolved();
    }
    TapeLocation location;
    try {
      location = TapeLocation.ofUri(uri);
    } catch (IllegalArgumentException e) {
      return Resolution.unresolved();
    }
    Integer line = lineOf(uri.getQuery());
    return Resolution.selectors(Set.of(new TapeSelector(location, line)));
  }

  static Integer lineOf(String query) {
    if (query == null) {
      return null;
    }
    for (String part : query.split("&")) {
      if (part.startsWith("line=")) {
        try {
          return Integer.valueOf(part.substring("line=".length()));
        } catch (NumberFormatException e) {
          return null;
        }
      }
    }
    return null;
  }
}
