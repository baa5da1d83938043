package dev.cassette.host.wasm;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * The rule for symbolic links a guest may create, move or hard-link: the target must <em>point
 * down</em>. It is relative, and read from left to right it never climbs above the link's own
 * directory and ends strictly below it ({@code data/file.txt} and {@code a/../b} point down; {@code
 * ../b}, {@code .}, {@code a/..} and {@code /etc} do not).
 *
 * <p>Such a link leads into its own directory's subtree wherever it is moved, and a chain of such
 * links cannot climb either (each step lands at least as deep as the text says), so links the guest
 * makes cannot lead out of a grant later. Links already in a granted folder that do not point down
 * stay where they are: a rename or hard link that would carry one is refused.
 */
final class LinkTargets {
  private LinkTargets() {}

  /** Whether {@code target} (a link's text) points down. */
  static boolean pointsDown(String target) {
    if (target.startsWith("/")) {
      return false;
    }
    int depth = 0;
    for (String segment : target.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".")) {
        continue;
      }
      if (segment.equals("..")) {
        depth--;
        if (depth < 0) {
          return false;
        }
      } else {
        depth++;
      }
    }
    return depth > 0;
  }

  /**
   * Whether {@code path} is, or is a directory holding, a symbolic link that does not point down
   * (or could not be read, which counts as such).
   */
  static boolean carriesUpwardLink(Path path) {
    try {
      if (Files.isSymbolicLink(path)) {
        return !pointsDown(Files.readSymbolicLink(path).toString());
      }
      if (!Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
        return false;
      }
      UpwardLinkFinder finder = new UpwardLinkFinder();
      Files.walkFileTree(path, finder);
      return finder.found;
    } catch (IOException e) {
      return true;
    }
  }

  private static final class UpwardLinkFinder extends SimpleFileVisitor<Path> {
    boolean found;

    @Override
    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
      if (attrs.isSymbolicLink() && !pointsDown(Files.readSymbolicLink(file).toString())) {
        found = true;
        return FileVisitResult.TERMINATE;
      }
      return FileVisitResult.CONTINUE;
    }
  }
}
