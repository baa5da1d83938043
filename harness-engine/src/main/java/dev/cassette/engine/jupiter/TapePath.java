package dev.cassette.engine.jupiter;

import static dev.cassette.proxy.tape.TapeCodec.FILE_SUFFIX;

import dev.cassette.annotations.Tape;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.engine.UniqueId;

/**
 * The tape file of a {@code @Tape} test: the annotation's path under the tapes root, or {@code
 * <TestClass>/<method>.tape.json}, one file per invocation of a test template.
 *
 * @param file the tape file
 * @param relative the path under the tapes root, as the user writes it
 */
record TapePath(Path file, String relative) {

  private static final String INVOCATION_SEGMENT = "test-template-invocation";

  static TapePath of(Path root, Tape onMethod, Tape onClass, ExtensionContext context) {
    Method method = context.getRequiredTestMethod();
    String relative;
    if (onMethod != null && !onMethod.value().isBlank()) {
      relative = onMethod.value();
    } else {
      String folder =
          onClass != null && !onClass.value().isBlank()
              ? onClass.value()
              : classFolder(context.getRequiredTestClass());
      relative = folder + "/" + method.getName() + FILE_SUFFIX;
    }
    relative = perInvocation(relative, context);
    return new TapePath(root.resolve(relative).normalize(), relative);
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
        relative.endsWith(FILE_SUFFIX)
            ? relative.substring(0, relative.length() - FILE_SUFFIX.length())
            : relative;
    return base + "-" + index + FILE_SUFFIX;
  }

  /** A display name made safe as a file name: letters, digits, dot, dash and underscore. */
  static String fileName(String displayName) {
    String safe = displayName.trim().replaceAll("[^A-Za-z0-9._-]+", "_");
    safe = safe.replaceAll("^_+|_+$", "");
    return safe.isEmpty() ? "tape" : safe;
  }
}
