package dev.cassette.host.wasm;

import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.WasmFunctionHandle;
import com.dylibso.chicory.wasi.WasiPreview1;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Closes two gaps of Chicory's WASI preview 1 filesystem: it wraps the WASI host functions so that
 * read-only grants refuse every change ({@code EROFS}), and so that no path can leave its preopen
 * through a symbolic link ({@code ENOTCAPABLE}).
 *
 * <p>Every path argument is resolved here first, following symbolic links on the host; if the
 * result leaves the preopen's real directory the call is refused, otherwise Chicory receives the
 * resolved, link-free path relative to the directory descriptor. Descriptors are tracked through
 * {@code path_open}, {@code fd_renumber} and {@code fd_close} so that directories and files opened
 * below a grant keep its root and access. One guard per instance (not thread-safe, like the
 * instance).
 */
final class FilesystemGuard {
  static final int EROFS = 69;
  static final int ENOTCAPABLE = 76;
  private static final int FIRST_PREOPEN_FD = 3;
  private static final int SYMLINK_FOLLOW = 1;
  private static final int CHANGING_OPEN_FLAGS = 1 | 4 | 8; // CREAT | EXCL | TRUNC
  private static final long RIGHT_FD_WRITE = 1L << 6;
  private static final int FDFLAG_APPEND = 1;

  /** A granted directory: its real host path, and whether it is read-only. */
  record Preopen(Path realRoot, boolean readOnly) {}

  private record Tracked(Path path, Preopen grant) {}

  private sealed interface Resolution permits Allowed, Refused {}

  private record Allowed(String path) implements Resolution {}

  private record Refused(int errno) implements Resolution {}

  private final WasiPreview1 wasi;
  private final Map<Integer, Tracked> fds = new HashMap<>();

  FilesystemGuard(WasiPreview1 wasi, List<Preopen> preopens) {
    this.wasi = wasi;
    for (int i = 0; i < preopens.size(); i++) {
      Preopen preopen = preopens.get(i);
      fds.put(FIRST_PREOPEN_FD + i, new Tracked(preopen.realRoot(), preopen));
    }
  }

  /** {@code functions} with the filesystem functions wrapped. */
  HostFunction[] apply(HostFunction[] functions) {
    HostFunction[] result = functions.clone();
    for (int i = 0; i < result.length; i++) {
      WasmFunctionHandle handle = wrapper(result[i]);
      if (handle != null) {
        HostFunction original = result[i];
        result[i] =
            new HostFunction(original.module(), original.name(), original.functionType(), handle);
      }
    }
    return result;
  }

  private WasmFunctionHandle wrapper(HostFunction original) {
    WasmFunctionHandle next = original.handle();
    switch (original.name()) {
      case "path_open":
        return this::pathOpen;
      case "path_filestat_get":
        return this::pathFilestatGet;
      case "path_readlink":
        return this::pathReadlink;
      case "path_filestat_set_times":
        return this::pathFilestatSetTimes;
      case "path_create_directory":
        return (inst, args) -> change(inst, args, p -> wasi.pathCreateDirectory(fd(args[0]), p));
      case "path_remove_directory":
        return (inst, args) -> change(inst, args, p -> wasi.pathRemoveDirectory(fd(args[0]), p));
      case "path_unlink_file":
        return (inst, args) -> change(inst, args, p -> wasi.pathUnlinkFile(fd(args[0]), p));
      case "path_rename":
        return this::pathRename;
      case "path_link":
        return this::pathLink;
      case "path_symlink":
        return this::pathSymlink;
      case "fd_close":
        return (inst, args) -> afterClose(next.apply(inst, args), fd(args[0]));
      case "fd_renumber":
        return (inst, args) -> afterRenumber(next.apply(inst, args), fd(args[0]), fd(args[1]));
      case "fd_write":
      case "fd_pwrite":
      case "fd_allocate":
      case "fd_filestat_set_size":
      case "fd_filestat_set_times":
        return (inst, args) -> readOnly(fd(args[0])) ? errno(EROFS) : next.apply(inst, args);
      default:
        return null;
    }
  }

  private long[] pathOpen(Instance instance, long... args) {
    int dirFd = fd(args[0]);
    int lookup = (int) args[1];
    String raw = string(instance, args[2], args[3]);
    int openFlags = (int) args[4];
    long rights = args[5];
    int fdFlags = (int) args[7];
    int fdPtr = (int) args[8];
    Tracked dir = fds.get(dirFd);
    boolean writes =
        (openFlags & CHANGING_OPEN_FLAGS) != 0
            || (rights & RIGHT_FD_WRITE) != 0
            || (fdFlags & FDFLAG_APPEND) != 0;
    if (dir != null && dir.grant().readOnly() && writes) {
      return errno(EROFS);
    }
    Resolution resolved = resolve(dir, raw, (lookup & SYMLINK_FOLLOW) != 0);
    if (resolved instanceof Refused refused) {
      return errno(refused.errno());
    }
    String path = ((Allowed) resolved).path();
    int result =
        wasi.pathOpen(
            instance.memory(), dirFd, lookup, path, openFlags, rights, args[6], fdFlags, fdPtr);
    if (result == 0 && dir != null) {
      Path opened = dir.path().resolve(path).normalize();
      fds.put(instance.memory().readInt(fdPtr), new Tracked(opened, dir.grant()));
    }
    return errno(result);
  }

  private long[] pathFilestatGet(Instance instance, long... args) {
    int dirFd = fd(args[0]);
    int flags = (int) args[1];
    Resolution resolved =
        resolve(fds.get(dirFd), string(instance, args[2], args[3]), (flags & SYMLINK_FOLLOW) != 0);
    if (resolved instanceof Refused refused) {
      return errno(refused.errno());
    }
    String path = ((Allowed) resolved).path();
    return errno(wasi.pathFilestatGet(instance.memory(), dirFd, flags, path, (int) args[4]));
  }

  private long[] pathReadlink(Instance instance, long... args) {
    int dirFd = fd(args[0]);
    Resolution resolved = resolve(fds.get(dirFd), string(instance, args[1], args[2]), false);
    if (resolved instanceof Refused refused) {
      return errno(refused.errno());
    }
    String path = ((Allowed) resolved).path();
    return errno(
        wasi.pathReadlink(
            instance.memory(), dirFd, path, (int) args[3], (int) args[4], (int) args[5]));
  }

  private long[] pathFilestatSetTimes(Instance instance, long... args) {
    int dirFd = fd(args[0]);
    int flags = (int) args[1];
    Tracked dir = fds.get(dirFd);
    if (dir != null && dir.grant().readOnly()) {
      return errno(EROFS);
    }
    Resolution resolved =
        resolve(dir, string(instance, args[2], args[3]), (flags & SYMLINK_FOLLOW) != 0);
    if (resolved instanceof Refused refused) {
      return errno(refused.errno());
    }
    String path = ((Allowed) resolved).path();
    return errno(wasi.pathFilestatSetTimes(dirFd, flags, path, args[4], args[5], (int) args[6]));
  }

  private interface PathChange {
    int apply(String path);
  }

  /** A one-path change (create or remove a directory, unlink a file): args are fd, ptr, len. */
  private long[] change(Instance instance, long[] args, PathChange change) {
    Tracked dir = fds.get(fd(args[0]));
    if (dir != null && dir.grant().readOnly()) {
      return errno(EROFS);
    }
    Resolution resolved = resolve(dir, string(instance, args[1], args[2]), false);
    if (resolved instanceof Refused refused) {
      return errno(refused.errno());
    }
    return errno(change.apply(((Allowed) resolved).path()));
  }

  private long[] pathRename(Instance instance, long... args) {
    Tracked from = fds.get(fd(args[0]));
    Tracked to = fds.get(fd(args[3]));
    if (readOnly(from) || readOnly(to)) {
      return errno(EROFS);
    }
    Resolution oldPath = resolve(from, string(instance, args[1], args[2]), false);
    Resolution newPath = resolve(to, string(instance, args[4], args[5]), false);
    if (oldPath instanceof Refused refused) {
      return errno(refused.errno());
    }
    if (newPath instanceof Refused refused) {
      return errno(refused.errno());
    }
    if (from == null || to == null) {
      return errno(
          wasi.pathRename(
              fd(args[0]), ((Allowed) oldPath).path(), fd(args[3]), ((Allowed) newPath).path()));
    }
    return errno(
        HostFileOperations.rename(
            from.path().resolve(((Allowed) oldPath).path()).normalize(),
            to.path().resolve(((Allowed) newPath).path()).normalize()));
  }

  private long[] pathLink(Instance instance, long... args) {
    Tracked from = fds.get(fd(args[0]));
    Tracked to = fds.get(fd(args[4]));
    if (readOnly(from) || readOnly(to)) {
      return errno(EROFS);
    }
    int flags = (int) args[1];
    Resolution oldPath =
        resolve(from, string(instance, args[2], args[3]), (flags & SYMLINK_FOLLOW) != 0);
    Resolution newPath = resolve(to, string(instance, args[5], args[6]), false);
    if (oldPath instanceof Refused refused) {
      return errno(refused.errno());
    }
    if (newPath instanceof Refused refused) {
      return errno(refused.errno());
    }
    return errno(
        wasi.pathLink(
            fd(args[0]),
            flags,
            ((Allowed) oldPath).path(),
            fd(args[4]),
            ((Allowed) newPath).path()));
  }

  private long[] pathSymlink(Instance instance, long... args) {
    Tracked dir = fds.get(fd(args[2]));
    if (readOnly(dir)) {
      return errno(EROFS);
    }
    String target = string(instance, args[0], args[1]);
    Resolution linkPath = resolve(dir, string(instance, args[3], args[4]), false);
    if (linkPath instanceof Refused refused) {
      return errno(refused.errno());
    }
    if (dir == null) {
      return errno(wasi.pathSymlink(target, fd(args[2]), ((Allowed) linkPath).path()));
    }
    return errno(
        HostFileOperations.symlink(
            dir.grant().realRoot(),
            dir.path().resolve(((Allowed) linkPath).path()).normalize(),
            target));
  }

  private long[] afterClose(long[] result, int fd) {
    if (result[0] == 0) {
      fds.remove(fd);
    }
    return result;
  }

  private long[] afterRenumber(long[] result, int from, int to) {
    if (result[0] == 0) {
      Tracked moved = fds.remove(from);
      if (moved == null) {
        fds.remove(to);
      } else {
        fds.put(to, moved);
      }
    }
    return result;
  }

  private boolean readOnly(int fd) {
    return readOnly(fds.get(fd));
  }

  private static boolean readOnly(Tracked tracked) {
    return tracked != null && tracked.grant().readOnly();
  }

  /**
   * Resolves {@code raw} against {@code dir} on the host. Paths Chicory itself refuses (absolute,
   * escaping with {@code ..}, unknown descriptors) pass through unchanged so that Chicory answers.
   */
  private static Resolution resolve(Tracked dir, String raw, boolean followFinal) {
    if (dir == null || raw.isEmpty()) {
      return new Allowed(raw);
    }
    Path relative;
    try {
      relative = dir.path().getFileSystem().getPath(raw).normalize();
    } catch (InvalidPathException e) {
      return new Allowed(raw);
    }
    if (relative.isAbsolute() || relative.startsWith("..")) {
      return new Allowed(raw);
    }
    Path candidate = dir.path().resolve(relative);
    Path target;
    if (relative.toString().isEmpty()) {
      target = dir.path();
    } else if (followFinal) {
      target = real(candidate);
    } else {
      Path parent = real(candidate.getParent());
      target = parent == null ? null : parent.resolve(candidate.getFileName());
    }
    if (target == null || !target.startsWith(dir.grant().realRoot())) {
      return new Refused(ENOTCAPABLE);
    }
    if (!target.startsWith(dir.path())) {
      return new Refused(ENOTCAPABLE);
    }
    String inside = dir.path().relativize(target).toString();
    return new Allowed(inside.isEmpty() ? "." : inside);
  }

  /**
   * {@code path} with every symbolic link in its existing part resolved; {@code null} if a link
   * dangles (it could point anywhere once created) or cannot be read.
   */
  private static Path real(Path path) {
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

  private static String string(Instance instance, long ptr, long len) {
    return instance.memory().readString((int) ptr, (int) len);
  }

  private static int fd(long value) {
    return (int) value;
  }

  private static long[] errno(int value) {
    return new long[] {value};
  }
}
