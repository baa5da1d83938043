package dev.cassette.host.wasm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Resolves the path arguments of the WASI {@code path_*} functions on the host, against the real
 * paths of the directory descriptor and its preopen. Callers hold {@link FilesystemGuard}'s lock
 * from the resolution until the path has been used.
 */
final class GuestPaths {
  static final int EBADF = 8;
  static final int EINVAL = 28;
  static final int ENOENT = 44;

  /** A descriptor opened below a grant: its host path when it was opened, and the grant. */
  record Tracked(Path path, FilesystemGuard.Preopen grant) {}

  sealed interface Resolution permits Allowed, Refused {}

  /**
   * A path that stays inside.
   *
   * @param relative the link-free path relative to the descriptor, for Chicory
   * @param host the same path on the host
   */
  record Allowed(String relative, Path host) implements Resolution {}

  /** A path refused with a WASI errno. */
  record Refused(int errno) implements Resolution {}

  private GuestPaths() {}

  /**
   * Resolves {@code raw} against {@code dir}, following every symbolic link on the way (and the
   * final one if {@code followFinal}). Refused: unknown descriptors ({@code EBADF}), empty paths
   * ({@code ENOENT}), absolute paths, paths whose normalised form climbs out of the descriptor, and
   * paths whose real location leaves the descriptor's directory or its preopen ({@code
   * ENOTCAPABLE}).
   */
  static Resolution resolve(Tracked dir, String raw, boolean followFinal) {
    if (dir == null) {
      return new Refused(EBADF);
    }
    if (raw.isEmpty()) {
      return new Refused(ENOENT);
    }
    Path relative;
    try {
      relative = dir.path().getFileSystem().getPath(raw).normalize();
    } catch (InvalidPathException e) {
      return new Refused(EINVAL);
    }
    if (relative.isAbsolute() || relative.startsWith("..")) {
      return new Refused(FilesystemGuard.ENOTCAPABLE);
    }
    Path candidate = dir.path().resolve(relative);
    Path target;
    if (relative.toString().isEmpty()) {
      target = real(dir.path());
    } else if (followFinal) {
      target = real(candidate);
    } else {
      Path parent = real(candidate.getParent());
      target = parent == null ? null : parent.resolve(candidate.getFileName());
    }
    if (target == null || !inside(target, dir.grant().realRoot()) || !inside(target, dir.path())) {
      return new Refused(FilesystemGuard.ENOTCAPABLE);
    }
    String inside = dir.path().relativize(target).toString();
    return new Allowed(inside.isEmpty() ? "." : inside, target);
  }

  /**
   * Whether the host directory or file a descriptor was opened at still lies, really, inside its
   * preopen (a directory on the way may have been replaced by a link since).
   */
  static boolean stillInside(Tracked tracked) {
    Path now = real(tracked.path());
    return now != null && inside(now, tracked.grant().realRoot());
  }

  /** Whether {@code path} exists and is neither a regular file nor a directory. */
  static boolean special(Path path) {
    return Files.exists(path) && !Files.isRegularFile(path) && !Files.isDirectory(path);
  }

  static boolean inside(Path path, Path root) {
    return path.normalize().startsWith(root);
  }

  /**
   * {@code path} with every symbolic link in its existing part resolved, as the kernel resolves it
   * (so {@code link/..} is the parent of the link's target); {@code null} if a link dangles (it
   * could point anywhere once created) or cannot be read.
   */
  static Path real(Path path) {
    Path existing = path;
    while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
      existing = existing.getParent();
    }
    if (existing == null) {
      return null;
    }
    try {
      return existing.toRealPath().resolve(existing.relativize(path)).normalize();
    } catch (IOException e) {
      return null;
    }
  }
}
