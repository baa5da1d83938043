package dev.cassette.host.wasm;

import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.wasm.ChicoryException;
import java.nio.charset.StandardCharsets;

/**
 * Bounds-checked access to a guest's linear memory for host code. Pointers and lengths are wasm32
 * {@code i32} values read as unsigned, and a region is accepted only if {@code len <= size - ptr}
 * in {@code long} arithmetic: Chicory's own check adds them as {@code int}, so a sum that overflows
 * passes it and the host allocates the (up to 2 GiB) length before failing.
 */
final class GuestMemory {
  static final long PAGE_SIZE = 65_536;

  private GuestMemory() {}

  /** A guest memory access outside its memory: ends the call as a trap naming the function. */
  static final class OutOfBounds extends ChicoryException {
    private static final long serialVersionUID = 1L;

    OutOfBounds(String message) {
      super(message);
    }
  }

  /** {@code value} (an {@code i32} argument or field) read as an unsigned 32-bit number. */
  static long unsigned(long value) {
    return value & 0xFFFF_FFFFL;
  }

  /** The current size of {@code memory} in bytes. */
  static long size(Memory memory) {
    return memory.pages() * PAGE_SIZE;
  }

  /** Whether {@code [ptr, ptr + len)} lies inside {@code memory}. */
  static boolean contains(Memory memory, long ptr, long len) {
    return ptr >= 0 && len >= 0 && ptr <= size(memory) && len <= size(memory) - ptr;
  }

  /**
   * Checks that {@code [ptr, ptr + len)} lies inside {@code memory}.
   *
   * @param function the host function, for the message ({@code http_fetch}, {@code fd_write})
   * @param what what the region holds ({@code request}, {@code iovec buffer})
   * @throws OutOfBounds if it does not
   */
  static void check(Memory memory, long ptr, long len, String function, String what) {
    if (!contains(memory, ptr, len)) {
      throw new OutOfBounds(function + ": " + describe(memory, ptr, len, what));
    }
  }

  /**
   * {@code what of <len> bytes at address <ptr> lies outside the guest's memory (<size> bytes)}.
   */
  static String describe(Memory memory, long ptr, long len, String what) {
    return what
        + " of "
        + len
        + " bytes at address "
        + ptr
        + " lies outside the guest's memory ("
        + size(memory)
        + " bytes)";
  }

  /** The bytes of {@code [ptr, ptr + len)}, checked first. */
  static byte[] read(Memory memory, long ptr, long len, String function, String what) {
    check(memory, ptr, len, function, what);
    return memory.readBytes((int) ptr, (int) len);
  }

  /** The UTF-8 text of {@code [ptr, ptr + len)}, checked first. */
  static String readString(Memory memory, long ptr, long len, String function, String what) {
    return new String(read(memory, ptr, len, function, what), StandardCharsets.UTF_8);
  }

  /** Writes {@code bytes} at {@code ptr}, checked first. */
  static void write(Memory memory, long ptr, byte[] bytes, String function, String what) {
    check(memory, ptr, bytes.length, function, what);
    memory.write((int) ptr, bytes);
  }
}
