package dev.cassette.engine.discovery;

import static dev.cassette.proxy.tape.TapeCodec.FILE_SUFFIX;

import dev.cassette.annotations.TapeSuite;
import dev.cassette.engine.config.CassetteConfiguration;
import dev.cassette.engine.descriptor.SuiteDescriptor;
import dev.cassette.engine.descriptor.SuiteTapeNames;
import dev.cassette.engine.descriptor.UniqueIds;
import dev.cassette.engine.replay.SuiteSettings;
import dev.cassette.engine.tape.TapeLocation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.platform.commons.io.Resource;
import org.junit.platform.commons.io.ResourceFilter;
import org.junit.platform.commons.support.ReflectionSupport;
import org.junit.platform.commons.support.ResourceSupport;
import org.junit.platform.engine.DiscoveryIssue;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.discovery.ClassSelector;
import org.junit.platform.engine.discovery.UniqueIdSelector;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.discovery.DiscoveryIssueReporter;
import org.junit.platform.engine.support.discovery.SelectorResolver;

/** Resolves {@code @TapeSuite} classes into suite descriptors whose children are their tapes. */
final class SuiteResolver implements SelectorResolver {

  private static final String CLASSPATH_PREFIX = "classpath:";

  private final Predicate<String> classNameFilter;
  private final DiscoveryIssueReporter issues;
  private final CassetteConfiguration configuration;

  SuiteResolver(
      Predicate<String> classNameFilter,
      DiscoveryIssueReporter issues,
      CassetteConfiguration configuration) {
    this.classNameFilter = classNameFilter;
    this.issues = issues;
    this.configuration = configuration;
  }

  @Override
  public Resolution resolve(ClassSelector selector, Context context) {
    Class<?> candidate = selector.getJavaClass();
    if (!DiscoverySelectorResolver.isSuite(candidate)
        || !classNameFilter.test(candidate.getName())) {
      return Resolution.unresolved();
    }
    return suite(candidate, context);
  }

  @Override
  public Resolution resolve(UniqueIdSelector selector, Context context) {
    UniqueId id = selector.getUniqueId();
    UniqueId.Segment last = id.getLastSegment();
    if (!UniqueIds.SUITE_SEGMENT_TYPE.equals(last.getType())) {
      return Resolution.unresolved();
    }
    Optional<Class<?>> suiteClass = ReflectionSupport.tryToLoadClass(last.getValue()).toOptional();
    if (suiteClass.isEmpty() || !DiscoverySelectorResolver.isSuite(suiteClass.get())) {
      return Resolution.unresolved();
    }
    return suite(suiteClass.get(), context);
  }

  private Resolution suite(Class<?> suiteClass, Context context) {
    SuiteSettings settings;
    try {
      settings = SuiteSettings.of(suiteClass, configuration);
    } catch (IllegalArgumentException e) {
      issues.reportIssue(
          DiscoveryIssue.builder(
                  DiscoveryIssue.Severity.ERROR,
                  "@TapeSuite " + suiteClass.getName() + ": " + e.getMessage())
              .source(ClassSource.from(suiteClass)));
      return Resolution.unresolved();
    }
    Optional<SuiteDescriptor> suite =
        context.addToParent(
            parent ->
                Optional.of(
                    new SuiteDescriptor(
                        parent
                            .getUniqueId()
                            .append(UniqueIds.SUITE_SEGMENT_TYPE, suiteClass.getName()),
                        suiteClass,
                        settings,
                        tapeNames(suiteClass))));
    return suite
        .map(descriptor -> Resolution.match(Match.exact(descriptor, () -> tapes(suiteClass))))
        .orElse(Resolution.unresolved());
  }

  private static String[] locations(Class<?> suiteClass) {
    String[] locations = suiteClass.getAnnotation(TapeSuite.class).value();
    if (locations.length == 0) {
      String packageName = suiteClass.getPackageName();
      locations = new String[] {CLASSPATH_PREFIX + packageName.replace('.', '/')};
    }
    return locations;
  }

  /** Names the suite's tapes after their paths inside the folder the suite takes them from. */
  private static SuiteTapeNames tapeNames(Class<?> suiteClass) {
    List<Path> folders = new ArrayList<>();
    List<String> resourceFolders = new ArrayList<>();
    for (String location : locations(suiteClass)) {
      if (location.startsWith(CLASSPATH_PREFIX)) {
        String name = trimSlashes(location.substring(CLASSPATH_PREFIX.length()));
        resourceFolders.add(
            name.endsWith(FILE_SUFFIX)
                ? name.substring(0, Math.max(0, name.lastIndexOf('/')))
                : name);
      } else {
        try {
          Path path = Path.of(location).toAbsolutePath().normalize();
          folders.add(Files.isRegularFile(path) ? path.getParent() : path);
        } catch (InvalidPathException e) {
          // tapes(...) reports the location; it holds no tapes to name
        }
      }
    }
    return SuiteTapeNames.of(folders, resourceFolders);
  }

  private static String trimSlashes(String name) {
    String trimmed = name.startsWith("/") ? name.substring(1) : name;
    return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
  }

  private Set<? extends DiscoverySelector> tapes(Class<?> suiteClass) {
    Set<DiscoverySelector> tapes = new LinkedHashSet<>();
    for (String location : locations(suiteClass)) {
      try {
        if (location.startsWith(CLASSPATH_PREFIX)) {
          classpathTapes(location.substring(CLASSPATH_PREFIX.length()), tapes);
        } else {
          fileTapes(Path.of(location), tapes);
        }
      } catch (IOException | RuntimeException e) {
        issues.reportIssue(
            DiscoveryIssue.builder(
                    DiscoveryIssue.Severity.ERROR,
                    "@TapeSuite "
                        + suiteClass.getName()
                        + ": cannot find tapes at \""
                        + location
                        + "\": "
                        + e.getMessage())
                .source(ClassSource.from(suiteClass)));
      }
    }
    return tapes;
  }

  private static void classpathTapes(String location, Set<DiscoverySelector> tapes)
      throws IOException {
    String name = location.startsWith("/") ? location.substring(1) : location;
    if (name.endsWith(FILE_SUFFIX)) {
      if (Thread.currentThread().getContextClassLoader().getResource(name) == null) {
        throw new IOException("no such classpath resource");
      }
      tapes.add(TapeSelector.whole(TapeLocation.ofClasspath(name)));
      return;
    }
    String packageName = name.replace('/', '.');
    if (packageName.endsWith(".")) {
      packageName = packageName.substring(0, packageName.length() - 1);
    }
    ResourceFilter filter = ResourceFilter.of(resource -> resource.getName().endsWith(FILE_SUFFIX));
    ResourceSupport.findAllResourcesInPackage(packageName, filter).stream()
        .map(Resource::getName)
        .sorted()
        .forEach(resource -> tapes.add(TapeSelector.whole(TapeLocation.ofClasspath(resource))));
  }

  private static void fileTapes(Path location, Set<DiscoverySelector> tapes) throws IOException {
    if (Files.isRegularFile(location)) {
      tapes.add(TapeSelector.whole(TapeLocation.ofFile(location)));
      return;
    }
    if (!Files.isDirectory(location)) {
      throw new IOException("no such file or directory: " + location.toAbsolutePath());
    }
    try (Stream<Path> files = Files.walk(location)) {
      files
          .filter(Files::isRegularFile)
          .filter(file -> file.getFileName().toString().endsWith(FILE_SUFFIX))
          .sorted()
          .forEach(file -> tapes.add(TapeSelector.whole(TapeLocation.ofFile(file))));
    }
  }
}
