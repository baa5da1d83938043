package dev.cassette.engine.descriptor;

import static dev.cassette.proxy.tape.TapeCodec.FILE_SUFFIX;

import dev.cassette.engine.tape.TapeLocation;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * Names the tapes of one {@code @TapeSuite} in its exchanges' names, so that no two exchanges of
 * the suite share a name. A tape is named by its path inside the suite's tape folder, without
 * {@code .tape.json}, where that path ends with the tape's name ({@code calculator} for {@code
 * tapes/calculator.tape.json} named {@code calculator}, {@code nested/echo}), else by its name
 * followed by that path ({@code twin (alpha)}). The path tells tapes of one name apart; it comes
 * from the suite's own locations, never from which other tapes happen to be selected, so an
 * exchange selected alone (as Surefire does to rerun it) keeps its name.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class SuiteTapeNames {

  private final Optional<Path> folder;
  private final Optional<String> resourceFolder;

  private SuiteTapeNames(Optional<Path> folder, Optional<String> resourceFolder) {
    this.folder = folder;
    this.resourceFolder = resourceFolder;
  }

  /**
   * Names for a suite whose tapes come from {@code folders} (file system) and {@code
   * resourceFolders} (classpath, as resource paths without leading or trailing slash). Only a suite
   * with one tape folder names its tapes by their paths inside it; with several, a tape's path is
   * its whole {@linkplain TapeLocation#displayPath() display path}.
   */
  public static SuiteTapeNames of(List<Path> folders, List<String> resourceFolders) {
    if (folders.size() + resourceFolders.size() != 1) {
      return new SuiteTapeNames(Optional.empty(), Optional.empty());
    }
    return new SuiteTapeNames(
        folders.stream().findFirst().map(f -> f.toAbsolutePath().normalize()),
        resourceFolders.stream().findFirst());
  }

  /** The tape's name in its exchanges' names. */
  public String name(TapeLocation location, String tapeName) {
    String path = path(location);
    if (path.endsWith(FILE_SUFFIX)) {
      path = path.substring(0, path.length() - FILE_SUFFIX.length());
    }
    return path.equals(tapeName) || path.endsWith("/" + tapeName)
        ? path
        : tapeName + " (" + path + ")";
  }

  private String path(TapeLocation location) {
    if (location.file() != null && folder.isPresent() && location.file().startsWith(folder.get())) {
      return folder.get().relativize(location.file()).toString().replace('\\', '/');
    }
    String resource = location.classpathResource();
    if (resource != null && resourceFolder.isPresent()) {
      String prefix = resourceFolder.get().isEmpty() ? "" : resourceFolder.get() + "/";
      if (resource.startsWith(prefix)) {
        return resource.substring(prefix.length());
      }
    }
    return location.displayPath();
  }
}
