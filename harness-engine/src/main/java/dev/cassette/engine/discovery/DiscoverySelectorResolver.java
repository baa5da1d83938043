package dev.cassette.engine.discovery;

import static dev.cassette.proxy.tape.TapeCodec.FILE_SUFFIX;

import dev.cassette.annotations.TapeSuite;
import dev.cassette.engine.config.CassetteConfiguration;
import org.apiguardian.api.API;
import org.junit.platform.commons.io.ResourceFilter;
import org.junit.platform.engine.DiscoveryIssue;
import org.junit.platform.engine.EngineDiscoveryRequest;
import org.junit.platform.engine.support.descriptor.EngineDescriptor;
import org.junit.platform.engine.support.discovery.DiscoveryIssueReporter;
import org.junit.platform.engine.support.discovery.EngineDiscoveryRequestResolver;

/**
 * Assembles discovery: JUnit's selectors become Cassette's {@link TapeSelector}s, and one resolver
 * ({@link TapeResolver}) creates tape and exchange descriptors.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class DiscoverySelectorResolver {

  private DiscoverySelectorResolver() {}

  /**
   * Resolves {@code request} into children of {@code engine}. Each problem of {@code configuration}
   * (a bad value, an unknown {@code cassette.*} key) is an ERROR issue, which fails the run.
   */
  public static void resolve(
      EngineDiscoveryRequest request,
      EngineDescriptor engine,
      CassetteConfiguration configuration) {
    DiscoveryIssueReporter issues =
        DiscoveryIssueReporter.deduplicating(
            DiscoveryIssueReporter.forwarding(
                request.getDiscoveryListener(), engine.getUniqueId()));
    for (String problem : configuration.problems()) {
      issues.reportIssue(DiscoveryIssue.create(DiscoveryIssue.Severity.ERROR, problem));
    }
    EngineDiscoveryRequestResolver.<EngineDescriptor>builder()
        .addResourceContainerSelectorResolver(
            ResourceFilter.of(resource -> resource.getName().endsWith(FILE_SUFFIX)))
        .addSelectorResolver(context -> new FileResolver(context.getIssueReporter()))
        .addSelectorResolver(new ClasspathResolver())
        .addSelectorResolver(
            context ->
                new SuiteResolver(
                    context.getClassNameFilter(), context.getIssueReporter(), configuration))
        .addSelectorResolver(context -> new TapeResolver(context.getIssueReporter()))
        .build()
        .resolve(request, engine, issues);
  }

  static boolean isSuite(Class<?> candidate) {
    return candidate.isAnnotationPresent(TapeSuite.class);
  }
}
