package dev.cassette.host.policy;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.apiguardian.api.API;

/**
 * The storage rule that keeps the host's own state out of reach: a grant of the filesystem root, or
 * of {@code /proc}, {@code /sys} or {@code /dev} or anything below them, is refused. Paths are
 * compared after resolving symbolic links, so a link to {@code /proc} is caught too; {@code
 * /proc/self/environ} would otherwise hand the host's environment (and its tokens) to a guest whose
 * environment allow-list is empty.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class SystemDirectories {
  private static final List<Path> REFUSED =
      List.of(Path.of("/proc"), Path.of("/sys"), Path.of("/dev"));

  private SystemDirectories() {}

  /**
   * Refuses {@code grant} if it names the root or a system directory.
   *
   * @throws IllegalArgumentException naming the URI and the directory it resolves to
   */
  public static void check(StorageGrant grant) {
    Path lexical = grant.path().toAbsolutePath();
    for (Path path : List.of(lexical, realPath(lexical))) {
      if (path.getNameCount() == 0) {
        throw new IllegalArgumentException(
            "uri "
                + grant.uri()
                + " resolves to the filesystem root; storage grants of / are refused");
      }
      for (Path refused : REFUSED) {
        if (path.startsWith(refused)) {
          throw new IllegalArgumentException(
              "uri "
                  + grant.uri()
                  + " resolves to "
                  + path
                  + ", a system directory; storage grants of /proc, /sys and /dev are refused");
        }
      }
    }
  }

  /** {@code path} with links resolved as far as it exists; the missing rest is appended as is. */
  private static Path realPath(Path path) {
    Deque<Path> missing = new ArrayDeque<>();
    Path existing = path;
    while (existing != null) {
      try {
        Path real = existing.toRealPath();
        for (Path name : missing) {
          real = real.resolve(name);
        }
        return real.normalize();
      } catch (NoSuchFileException e) {
        missing.push(existing.getFileName());
        existing = existing.getParent();
      } catch (IOException | SecurityException e) {
        return path;
      }
    }
    return path;
  }
}
