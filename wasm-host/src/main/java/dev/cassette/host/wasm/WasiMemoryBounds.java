package dev.cassette.host.wasm;

import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import java.util.List;
import java.util.Map;

/**
 * Wraps the WASI preview 1 host functions that take buffers from the guest so that every buffer
 * (path strings, directory buffers, iovec arrays and each iovec) is checked with {@link
 * GuestMemory} before Chicory's WASI or the filesystem guard reads or allocates it. A buffer
 * outside the guest's memory ends the call as a trap naming the function.
 */
final class WasiMemoryBounds {
  private static final int IOVEC_SIZE = 8;
  private static final int SUBSCRIPTION_SIZE = 48;
  private static final int EVENT_SIZE = 32;

  /**
   * A buffer among a function's arguments: its pointer and count argument indexes, the size of one
   * element, and whether it is an iovec array whose entries are buffers too.
   */
  private record Buffer(int ptrArg, int countArg, int elementSize, boolean iovecs, String what) {
    static Buffer bytes(int ptrArg, int lenArg, String what) {
      return new Buffer(ptrArg, lenArg, 1, false, what);
    }

    static Buffer iovecs(int ptrArg, int countArg) {
      return new Buffer(ptrArg, countArg, IOVEC_SIZE, true, "iovec array");
    }
  }

  private static final Buffer PATH_1 = Buffer.bytes(1, 2, "path");
  private static final Buffer PATH_2 = Buffer.bytes(2, 3, "path");
  private static final Buffer IOVECS = Buffer.iovecs(1, 2);

  /** WASI preview 1 signatures (argument indexes) of the functions that take guest buffers. */
  private static final Map<String, List<Buffer>> BUFFERS =
      Map.ofEntries(
          Map.entry("fd_pread", List.of(IOVECS)),
          Map.entry("fd_pwrite", List.of(IOVECS)),
          Map.entry("fd_read", List.of(IOVECS)),
          Map.entry("fd_write", List.of(IOVECS)),
          Map.entry("sock_recv", List.of(IOVECS)),
          Map.entry("sock_send", List.of(IOVECS)),
          Map.entry("fd_prestat_dir_name", List.of(Buffer.bytes(1, 2, "buffer"))),
          Map.entry("fd_readdir", List.of(Buffer.bytes(1, 2, "buffer"))),
          Map.entry("path_create_directory", List.of(PATH_1)),
          Map.entry("path_filestat_get", List.of(PATH_2)),
          Map.entry("path_filestat_set_times", List.of(PATH_2)),
          Map.entry("path_link", List.of(PATH_2, Buffer.bytes(5, 6, "path"))),
          Map.entry("path_open", List.of(PATH_2)),
          Map.entry("path_readlink", List.of(PATH_1, Buffer.bytes(3, 4, "buffer"))),
          Map.entry("path_remove_directory", List.of(PATH_1)),
          Map.entry("path_rename", List.of(PATH_1, Buffer.bytes(4, 5, "path"))),
          Map.entry(
              "path_symlink", List.of(Buffer.bytes(0, 1, "path"), Buffer.bytes(3, 4, "path"))),
          Map.entry("path_unlink_file", List.of(PATH_1)),
          Map.entry(
              "poll_oneoff",
              List.of(
                  new Buffer(0, 2, SUBSCRIPTION_SIZE, false, "subscriptions"),
                  new Buffer(1, 2, EVENT_SIZE, false, "events"))),
          Map.entry("random_get", List.of(Buffer.bytes(0, 1, "buffer"))));

  private WasiMemoryBounds() {}

  /** {@code functions} with the ones that take guest buffers checking them first. */
  static HostFunction[] apply(HostFunction[] functions) {
    HostFunction[] result = functions.clone();
    for (int i = 0; i < result.length; i++) {
      HostFunction original = result[i];
      List<Buffer> buffers = BUFFERS.get(original.name());
      if (buffers != null) {
        result[i] =
            new HostFunction(
                original.module(),
                original.name(),
                original.functionType(),
                (instance, args) -> {
                  check(instance, original.name(), buffers, args);
                  return original.handle().apply(instance, args);
                });
      }
    }
    return result;
  }

  private static void check(Instance instance, String function, List<Buffer> buffers, long[] args) {
    Memory memory = instance.memory();
    for (Buffer buffer : buffers) {
      long ptr = GuestMemory.unsigned(args[buffer.ptrArg()]);
      long count = GuestMemory.unsigned(args[buffer.countArg()]);
      GuestMemory.check(memory, ptr, count * buffer.elementSize(), function, buffer.what());
      if (buffer.iovecs()) {
        for (long i = 0; i < count; i++) {
          long entry = ptr + i * IOVEC_SIZE;
          long buf = GuestMemory.unsigned(memory.readInt((int) entry));
          long len = GuestMemory.unsigned(memory.readInt((int) entry + 4));
          GuestMemory.check(memory, buf, len, function, "iovec buffer");
        }
      }
    }
  }
}
