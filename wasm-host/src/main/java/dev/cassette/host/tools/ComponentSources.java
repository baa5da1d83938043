package dev.cassette.host.tools;

import dev.cassette.host.wasm.GuestException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Checks the source of a {@code load-component} call before the registry loads it, with Wassette's
 * texts: a {@code file://} URI must hold an absolute path, the file must exist and be named {@code
 * *.wasm}. Unlike Wassette, a plain path (relative to the working directory) is accepted too, so
 * tapes can name components portably; other schemes ({@code oci://}, {@code https://}) are refused,
 * the embedded host loads only local files.
 */
final class ComponentSources {
  private static final String FILE_SCHEME = "file://";
  private static final Pattern SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*://.*");

  private ComponentSources() {}

  /**
   * Checks {@code source}.
   *
   * @throws GuestException saying why it cannot be loaded
   */
  static void check(String source) throws GuestException {
    if (source.isBlank()) {
      throw new GuestException(
          "Invalid component reference. Should be of the form scheme://reference");
    }
    Path file;
    String shown;
    if (source.startsWith(FILE_SCHEME)) {
      if (!source.startsWith(FILE_SCHEME + "/")) {
        throw new GuestException(
            "Component path must be fully qualified. Please provide an absolute path to the"
                + " WebAssembly component file.");
      }
      try {
        file = Path.of(URI.create(source));
      } catch (IllegalArgumentException e) {
        throw new GuestException("invalid file URI " + source + ": " + e.getMessage(), e);
      }
      shown = file.toString();
    } else if (SCHEME.matcher(source).matches()) {
      throw new GuestException(
          "the embedded host loads only local files (a file:// URI or a path), not " + source);
    } else {
      try {
        file = Path.of(source);
      } catch (InvalidPathException e) {
        throw new GuestException("invalid path " + source + ": " + e.getMessage(), e);
      }
      shown = source;
    }
    if (!Files.exists(file)) {
      throw new GuestException(
          "Component path does not exist: "
              + shown
              + ". Please provide a valid path to a WebAssembly component file.");
    }
    if (!shown.endsWith(".wasm") || Files.isDirectory(file)) {
      throw new GuestException(
          "Invalid file extension for component: "
              + shown
              + ". Component file must have .wasm extension.");
    }
  }
}
