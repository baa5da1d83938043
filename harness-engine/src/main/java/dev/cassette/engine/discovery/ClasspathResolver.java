package dev.cassette.engine.discovery;

import static dev.cassette.proxy.tape.TapeCodec.FILE_SUFFIX;

import dev.cassette.engine.tape.TapeLocation;
import java.util.LinkedHashSet;
import java.util.Set;
import org.junit.platform.commons.io.Resource;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.discovery.ClasspathResourceSelector;
import org.junit.platform.engine.discovery.FilePosition;
import org.junit.platform.engine.support.discovery.SelectorResolver;

/** Turns classpath resource selectors naming {@code *.tape.json} into tape selectors. */
final class ClasspathResolver implements SelectorResolver {

  @Override
  public Resolution resolve(ClasspathResourceSelector selector, Context context) {
    String name = selector.getClasspathResourceName();
    if (!name.endsWith(FILE_SUFFIX)) {
      return Resolution.unresolved();
    }
    Integer line = selector.getPosition().map(FilePosition::getLine).orElse(null);
    Set<DiscoverySelector> tapes = new LinkedHashSet<>();
    Set<Resource> resources = selector.getResources();
    if (resources.isEmpty()) {
      return Resolution.unresolved();
    }
    tapes.add(new TapeSelector(TapeLocation.ofClasspath(name), line));
    return Resolution.selectors(tapes);
  }
}
