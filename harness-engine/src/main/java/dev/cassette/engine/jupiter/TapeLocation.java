package dev.cassette.engine.jupiter;

import dev.cassette.annotations.Tape;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.engine.UniqueId;

/**
 * Where a test's tape lives: the annotation's path under the tapes root, or {@code
 * <TestClass>/<method>.tape.json}, one file per invocation of a test template.
 *
 * @param file the tape file
 * @param relative the path under the tapes root, as the user writes it
 */
record TapeLocation(Path file, String relative) {

  static final String SUFFIX = ".tape.json";

  private static final String INVOCATION_SEGMENT = "test-template-invocation";

  static TapeLocation of(Path root, Tape onMethod, Tape onClass, ExtensionContext context) {
    Method method = context.getRequiredTestMethod();
    String relative;
    if (onMethod != null && !onMethod.value().isBlank()) {
      relative = onMethod.value();
    } else {
      String folder =
          onClass != null && !onClass.value().isBlank()
              ? onClass.value()
              : classFolder(context.getRequiredTestClass());
      relative = folder + "/" + method.getName() + SUFFIX;
    }
    relative = perInvocation(relative, context);
    return new TapeLocation(root.resolve(relative).normalize(), relative);
  }

  private static String classFolder(Class<?> testClass) {
    String name = testClass.getName();
    int packageEnd = name.lastIndexOf('.');
    return name.substring(packageEnd + 1).replace('$', '.');
  }

  /** Fills {@code {index}} and {@code {displayName}}, or adds {@code -<index>} for invocations. */
  private static String perInvocation(String relative, ExtensionContext context) {
    List<UniqueId.Segment> segments = UniqueId.parse(context.getUniqueId()).getSegments();
    UniqueId.Segment last = segments.get(segments.size() - 1);
    boolean invocation = last.getType().equals(INVOCATION_SEGMENT);
    String index = invocation ? last.getValue().replace("#", "") : "";
    if (relative.contains("{index}") || relative.contains("{displayName}")) {
      return relative
          .replace("{index}", index)
          .replace("{displayName}", fileName(context.getDisplayName()));
    }
    if (!invocation) {
      return relative;
    }
    String base =
        relative.endsWith(SUFFIX)
            ? relative.substring(0, relative.length() - SUFFIX.length())
            : relative;
    return base + "-" + index + SUFFIX;
  }

  /** A display name made safe as a file name: letters, digits, dot, dash and underscore. */
  static String fileName(String displayName) {
    String safe = displayName.trim().replaceAll("[^A-Za-z0-9._-]+", "_");
    safe = safe.replaceAll("^_+|_+$", "");
    return safe.isEmpty() ? "tape" : safe;
  }
}
