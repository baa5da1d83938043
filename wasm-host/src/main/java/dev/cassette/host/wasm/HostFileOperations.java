package dev.cassette.host.wasm;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Filesystem changes {@link FilesystemGuard} performs itself, returning WASI errno values. Each
 * checks again, just before the change, that the host paths it changes lie inside their preopen's
 * real root (and are not that root itself).
 */
final class HostFileOperations {
  private static final int EEXIST = 20;
  private static final int EINVAL = 28;
  private static final int EIO = 29;
  private static final int EISDIR = 31;
  private static final int ENOENT = 44;
  private static final int ENOTDIR = 54;
  private static final int ENOTEMPTY = 55;

  private HostFileOperations() {}

  /**
   * Renames on the host (Chicory asks for an atomic move that also copies attributes, which the JDK
   * refuses on Linux, so its {@code path_rename} always fails).
   */
  static int rename(Path from, Path fromRoot, Path to, Path toRoot) {
    if (!strictlyInside(from, fromRoot) || !strictlyInside(to, toRoot)) {
      return FilesystemGuard.ENOTCAPABLE;
    }
    if (LinkTargets.carriesUpwardLink(from)) {
      return FilesystemGuard.ENOTCAPABLE;
    }
    if (Files.isDirectory(from, LinkOption.NOFOLLOW_LINKS)
        && Files.isRegularFile(to, LinkOption.NOFOLLOW_LINKS)) {
      return ENOTDIR;
    }
    if (!Files.isDirectory(from, LinkOption.NOFOLLOW_LINKS)
        && Files.isDirectory(to, LinkOption.NOFOLLOW_LINKS)) {
      return EISDIR;
    }
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
      return 0;
    } catch (NoSuchFileException e) {
      return ENOENT;
    } catch (DirectoryNotEmptyException e) {
      return ENOTEMPTY;
    } catch (IOException e) {
      return EIO;
    }
  }

  /**
   * Creates a symbolic link on the host with the guest's target text, if that target points down
   * ({@link LinkTargets}) and, resolved from the link's real directory through the links that exist
   * now, stays inside {@code root}. (Chicory would resolve the target against the directory
   * descriptor instead of the link's directory, and refuses absolute targets.)
   */
  static int symlink(Path root, Path link, String target) {
    if (!strictlyInside(link, root)) {
      return FilesystemGuard.ENOTCAPABLE;
    }
    Path targetPath;
    try {
      targetPath = link.getFileSystem().getPath(target);
    } catch (InvalidPathException e) {
      return EINVAL;
    }
    if (!LinkTargets.pointsDown(target)) {
      return FilesystemGuard.ENOTCAPABLE;
    }
    Path resolved = GuestPaths.real(link.getParent().resolve(targetPath));
    if (resolved == null || !GuestPaths.inside(resolved, root)) {
      return FilesystemGuard.ENOTCAPABLE;
    }
    try {
      Files.createSymbolicLink(link, targetPath);
      return 0;
    } catch (FileAlreadyExistsException e) {
      return EEXIST;
    } catch (NoSuchFileException e) {
      return ENOENT;
    } catch (IOException | UnsupportedOperationException e) {
      return EIO;
    }
  }

  /** Whether {@code path} lies below {@code root} (the preopen itself is never changed). */
  static boolean strictlyInside(Path path, Path root) {
    Path normal = path.normalize();
    return normal.startsWith(root) && !normal.equals(root);
  }
}
