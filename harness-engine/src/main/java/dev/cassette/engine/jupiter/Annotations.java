package dev.cassette.engine.jupiter;

import java.lang.annotation.Annotation;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/** Finds Cassette annotations on the test method, then its class, then enclosing classes. */
final class Annotations {

  private Annotations() {}

  static <A extends Annotation> A onMethod(ExtensionContext context, Class<A> type) {
    return AnnotationSupport.findAnnotation(context.getRequiredTestMethod(), type).orElse(null);
  }

  static <A extends Annotation> A onClass(ExtensionContext context, Class<A> type) {
    for (Class<?> at = context.getRequiredTestClass(); at != null; at = at.getEnclosingClass()) {
      Optional<A> found = AnnotationSupport.findAnnotation(at, type);
      if (found.isPresent()) {
        return found.get();
      }
    }
    return null;
  }

  /** The method's annotation, else the nearest class's. */
  static <A extends Annotation> A nearest(ExtensionContext context, Class<A> type) {
    A found = onMethod(context, type);
    return found != null ? found : onClass(context, type);
  }
}
