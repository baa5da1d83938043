package dev.cassette.engine.tape;

import dev.cassette.proxy.tape.SourcePosition;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.apiguardian.api.API;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.support.descriptor.ClasspathResourceSource;
import org.junit.platform.engine.support.descriptor.FilePosition;
import org.junit.platform.engine.support.descriptor.FileSource;

/**
 * Where a tape lives: a file, or a resource on the classpath. Its {@link #uri()} is the value of
 * the {@code tape} segment of unique ids ({@code file:/…} or {@code classpath:/…}).
 *
 * @param file the tape file, or {@code null} for a classpath tape
 * @param classpathResource the resource name without leading slash, or {@code null} for a file
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public record TapeLocation(Path file, String classpathResource) {

  /** Checks that exactly one of the two is given. */
  public TapeLocation {
    if ((file == null) == (classpathResource == null)) {
      throw new IllegalArgumentException("give either file or classpathResource");
    }
    if (file != null) {
      file = file.toAbsolutePath().normalize();
    } else if (classpathResource.startsWith("/")) {
      classpathResource = classpathResource.substring(1);
    }
  }

  /** A tape file. */
  public static TapeLocation ofFile(Path file) {
    return new TapeLocation(Objects.requireNonNull(file, "file"), null);
  }

  /** A tape on the classpath. */
  public static TapeLocation ofClasspath(String resourceName) {
    return new TapeLocation(null, Objects.requireNonNull(resourceName, "resourceName"));
  }

  /**
   * The location a {@code file:} or {@code classpath:} URI names (its query, if any, ignored).
   *
   * @throws IllegalArgumentException for any other scheme
   */
  public static TapeLocation ofUri(URI uri) {
    if ("file".equals(uri.getScheme())) {
      return ofFile(Path.of(URI.create("file:" + uri.getRawPath())));
    }
    if (ClasspathResourceSource.CLASSPATH_SCHEME.equals(uri.getScheme())) {
      String path = uri.getPath() != null ? uri.getPath() : uri.getSchemeSpecificPart();
      return ofClasspath(path);
    }
    throw new IllegalArgumentException("not a file: or classpath: URI: " + uri);
  }

  /** The URI used in unique ids. */
  public URI uri() {
    return file != null
        ? file.toUri()
        : URI.create(ClasspathResourceSource.CLASSPATH_SCHEME + ":/" + classpathResource);
  }

  /** The file name, for display. */
  public String fileName() {
    String name = file != null ? file.getFileName().toString() : classpathResource;
    int slash = name.lastIndexOf('/');
    return slash < 0 ? name : name.substring(slash + 1);
  }

  /** How the tape is named in messages: the path as given, or {@code classpath:…}. */
  public String displayPath() {
    if (file == null) {
      return "classpath:" + classpathResource;
    }
    Path cwd = Path.of("").toAbsolutePath();
    return file.startsWith(cwd) ? cwd.relativize(file).toString() : file.toString();
  }

  /** A test source for this tape, at a position or (when {@code null}) the whole file. */
  public TestSource source(SourcePosition position) {
    FilePosition filePosition =
        position == null ? null : FilePosition.from(position.line(), position.column());
    if (file != null) {
      return FileSource.from(file.toFile(), filePosition);
    }
    return ClasspathResourceSource.from(classpathResource, filePosition);
  }

  /** Reads the tape's bytes (UTF-8 text, checked by {@link dev.cassette.proxy.tape.TapeCodec}). */
  public byte[] read() throws IOException {
    if (file != null) {
      return Files.readAllBytes(file);
    }
    URL url = Thread.currentThread().getContextClassLoader().getResource(classpathResource);
    if (url == null) {
      throw new IOException("no such classpath resource: " + classpathResource);
    }
    try (InputStream in = url.openStream()) {
      return in.readAllBytes();
    }
  }

  @Override
  public String toString() {
    return displayPath();
  }
}
