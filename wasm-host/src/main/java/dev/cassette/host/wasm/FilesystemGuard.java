package dev.cassette.host.wasm;

import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.WasmFunctionHandle;
import com.dylibso.chicory.wasi.WasiPreview1;
import dev.cassette.host.wasm.GuestPaths.Allowed;
import dev.cassette.host.wasm.GuestPaths.Refused;
import dev.cassette.host.wasm.GuestPaths.Resolution;
import dev.cassette.host.wasm.GuestPaths.Tracked;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Closes the gaps of Chicory's WASI preview 1 filesystem: it wraps the WASI host functions so that
 * read-only grants refuse every change ({@code EROFS}), and so that no path can leave its preopen,
 * neither by its text nor through a symbolic link ({@code ENOTCAPABLE}).
 *
 * <p>Every path argument of every {@code path_*} function is resolved here first ({@link
 * GuestPaths}): absolute paths and paths whose normalised form climbs out are refused, symbolic
 * links are followed on the host, and if the real location leaves the preopen's real directory the
 * call is refused; otherwise Chicory receives the resolved, link-free path relative to the
 * directory descriptor. Renames and symbolic links are performed here ({@link HostFileOperations}),
 * which checks the final host paths again; links a guest creates must point down ({@link
 * LinkTargets}). Descriptors are tracked through {@code path_open}, {@code fd_renumber} and {@code
 * fd_close} so that directories and files opened below a grant keep its root and access; the
 * descriptor functions that Chicory runs by path re-check that the path still lies inside.
 *
 * <p>The JVM cannot open paths beneath a directory atomically ({@code openat2(RESOLVE_BENEATH)}),
 * so a check and the use of its result run under one lock shared by every guard in the JVM: no
 * other call of any component can change the filesystem in between. (One lock rather than one per
 * root, because grants of different components may nest.) One guard per instance, used by its
 * thread.
 */
final class FilesystemGuard {
  static final int EROFS = 69;
  static final int ENOTCAPABLE = 76;
  private static final int ENOTSUP = 58;
  private static final int FIRST_PREOPEN_FD = 3;
  private static final int SYMLINK_FOLLOW = 1;
  private static final int CHANGING_OPEN_FLAGS = 1 | 4 | 8; // CREAT | EXCL | TRUNC
  private static final long RIGHT_FD_WRITE = 1L << 6;
  private static final int FDFLAG_APPEND = 1;

  /** A granted directory: its real host path, and whether it is read-only. */
  record Preopen(Path realRoot, boolean readOnly) {}

  private static final ReentrantLock LOCK = new ReentrantLock();

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
    WasmFunctionHandle handle = unlocked(original);
    if (handle == null) {
      return null;
    }
    switch (original.name()) {
      case "fd_close":
      case "fd_renumber":
      case "fd_write":
      case "fd_pwrite":
      case "fd_allocate":
      case "fd_filestat_set_size":
        return handle;
      default:
        return (inst, args) -> locked(() -> handle.apply(inst, args));
    }
  }

  private WasmFunctionHandle unlocked(HostFunction original) {
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
      case "fd_readdir":
      case "fd_filestat_get":
        return (inst, args) -> byPath(inst, args, next);
      case "fd_filestat_set_times":
        return (inst, args) -> readOnly(fd(args[0])) ? errno(EROFS) : byPath(inst, args, next);
      case "fd_close":
        return (inst, args) -> afterClose(next.apply(inst, args), fd(args[0]));
      case "fd_renumber":
        return (inst, args) -> afterRenumber(next.apply(inst, args), fd(args[0]), fd(args[1]));
      case "fd_write":
      case "fd_pwrite":
      case "fd_allocate":
      case "fd_filestat_set_size":
        return (inst, args) -> readOnly(fd(args[0])) ? errno(EROFS) : next.apply(inst, args);
      default:
        return null;
    }
  }

  private long[] pathOpen(Instance instance, long... args) {
    int dirFd = fd(args[0]);
    int lookup = (int) args[1];
    int openFlags = (int) args[4];
    long rights = args[5];
    int fdFlags = (int) args[7];
    int fdPtr = (int) args[8];
    Tracked dir = fds.get(dirFd);
    boolean writes =
        (openFlags & CHANGING_OPEN_FLAGS) != 0
            || (rights & RIGHT_FD_WRITE) != 0
            || (fdFlags & FDFLAG_APPEND) != 0;
    if (readOnly(dir) && writes) {
      return errno(EROFS);
    }
    // Always resolved through a final link: Chicory then opens the link-free target.
    Resolution resolved = GuestPaths.resolve(dir, string(instance, args[2], args[3]), true);
    if (resolved instanceof Refused refused) {
      return errno(refused.errno());
    }
    Allowed allowed = (Allowed) resolved;
    if (GuestPaths.special(allowed.host())) {
      return errno(ENOTSUP); // a FIFO could block its open(2), and with it the lock
    }
    int result =
        wasi.pathOpen(
            instance.memory(),
            dirFd,
            lookup,
            allowed.relative(),
            openFlags,
            rights,
            args[6],
            fdFlags,
            fdPtr);
    if (result == 0) {
      fds.put(instance.memory().readInt(fdPtr), new Tracked(allowed.host(), dir.grant()));
    }
    return errno(result);
  }

  private long[] pathFilestatGet(Instance instance, long... args) {
    int dirFd = fd(args[0]);
    int flags = (int) args[1];
    Resolution resolved =
        GuestPaths.resolve(
            fds.get(dirFd), string(instance, args[2], args[3]), (flags & SYMLINK_FOLLOW) != 0);
    if (resolved instanceof Refused refused) {
      return errno(refused.errno());
    }
    String path = ((Allowed) resolved).relative();
    return errno(wasi.pathFilestatGet(instance.memory(), dirFd, flags, path, (int) args[4]));
  }

  private long[] pathReadlink(Instance instance, long... args) {
    int dirFd = fd(args[0]);
    Resolution resolved =
        GuestPaths.resolve(fds.get(dirFd), string(instance, args[1], args[2]), false);
    if (resolved instanceof Refused refused) {
      return errno(refused.errno());
    }
    String path = ((Allowed) resolved).relative();
    return errno(
        wasi.pathReadlink(
            instance.memory(), dirFd, path, (int) args[3], (int) args[4], (int) args[5]));
  }

  /**
   * Chicory always follows a final link here (whatever the lookup flags say), so the path is always
   * resolved through it.
   */
  private long[] pathFilestatSetTimes(Instance instance, long... args) {
    int dirFd = fd(args[0]);
    Tracked dir = fds.get(dirFd);
    if (readOnly(dir)) {
      return errno(EROFS);
    }
    Resolution resolved = GuestPaths.resolve(dir, string(instance, args[2], args[3]), true);
    if (resolved instanceof Refused refused) {
      return errno(refused.errno());
    }
    String path = ((Allowed) resolved).relative();
    return errno(
        wasi.pathFilestatSetTimes(dirFd, (int) args[1], path, args[4], args[5], (int) args[6]));
  }

  private interface PathChange {
    int apply(String path);
  }

  /** A one-path change (create or remove a directory, unlink a file): args are fd, ptr, len. */
  private long[] change(Instance instance, long[] args, PathChange change) {
    Tracked dir = fds.get(fd(args[0]));
    if (readOnly(dir)) {
      return errno(EROFS);
    }
    Resolution resolved = GuestPaths.resolve(dir, string(instance, args[1], args[2]), false);
    if (resolved instanceof Refused refused) {
      return errno(refused.errno());
    }
    Allowed allowed = (Allowed) resolved;
    if (!HostFileOperations.strictlyInside(allowed.host(), dir.grant().realRoot())) {
      return errno(ENOTCAPABLE);
    }
    return errno(change.apply(allowed.relative()));
  }

  private long[] pathRename(Instance instance, long... args) {
    Tracked from = fds.get(fd(args[0]));
    Tracked to = fds.get(fd(args[3]));
    if (readOnly(from) || readOnly(to)) {
      return errno(EROFS);
    }
    Resolution oldPath = GuestPaths.resolve(from, string(instance, args[1], args[2]), false);
    if (oldPath instanceof Refused refused) {
      return errno(refused.errno());
    }
    Resolution newPath = GuestPaths.resolve(to, string(instance, args[4], args[5]), false);
    if (newPath instanceof Refused refused) {
      return errno(refused.errno());
    }
    return errno(
        HostFileOperations.rename(
            ((Allowed) oldPath).host(),
            from.grant().realRoot(),
            ((Allowed) newPath).host(),
            to.grant().realRoot()));
  }

  private long[] pathLink(Instance instance, long... args) {
    Tracked from = fds.get(fd(args[0]));
    Tracked to = fds.get(fd(args[4]));
    if (readOnly(from) || readOnly(to)) {
      return errno(EROFS);
    }
    int flags = (int) args[1];
    Resolution oldPath =
        GuestPaths.resolve(from, string(instance, args[2], args[3]), (flags & SYMLINK_FOLLOW) != 0);
    if (oldPath instanceof Refused refused) {
      return errno(refused.errno());
    }
    Resolution newPath = GuestPaths.resolve(to, string(instance, args[5], args[6]), false);
    if (newPath instanceof Refused refused) {
      return errno(refused.errno());
    }
    Allowed source = (Allowed) oldPath;
    Allowed target = (Allowed) newPath;
    if (!HostFileOperations.strictlyInside(source.host(), from.grant().realRoot())
        || !HostFileOperations.strictlyInside(target.host(), to.grant().realRoot())
        || LinkTargets.carriesUpwardLink(source.host())) {
      return errno(ENOTCAPABLE);
    }
    return errno(
        wasi.pathLink(fd(args[0]), flags, source.relative(), fd(args[4]), target.relative()));
  }

  private long[] pathSymlink(Instance instance, long... args) {
    Tracked dir = fds.get(fd(args[2]));
    if (readOnly(dir)) {
      return errno(EROFS);
    }
    String target = string(instance, args[0], args[1]);
    Resolution linkPath = GuestPaths.resolve(dir, string(instance, args[3], args[4]), false);
    if (linkPath instanceof Refused refused) {
      return errno(refused.errno());
    }
    return errno(
        HostFileOperations.symlink(dir.grant().realRoot(), ((Allowed) linkPath).host(), target));
  }

  /**
   * A descriptor function Chicory runs by the descriptor's path ({@code fd_readdir}, {@code
   * fd_filestat_get}, {@code fd_filestat_set_times}): refused if that path no longer lies inside.
   */
  private long[] byPath(Instance instance, long[] args, WasmFunctionHandle next) {
    Tracked tracked = fds.get(fd(args[0]));
    if (tracked != null && !GuestPaths.stillInside(tracked)) {
      return errno(ENOTCAPABLE);
    }
    return next.apply(instance, args);
  }

  /** Runs {@code operation} under the JVM-wide filesystem lock. */
  private static long[] locked(Supplier<long[]> operation) {
    LOCK.lock();
    try {
      return operation.get();
    } finally {
      LOCK.unlock();
    }
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
