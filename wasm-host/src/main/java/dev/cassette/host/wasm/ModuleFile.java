package dev.cassette.host.wasm;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a module's bytes, refusing a file over {@value #MAX_BYTES} bytes before reading it (a
 * sparse file of gigabytes would otherwise exhaust the heap).
 */
final class ModuleFile {
  /** The largest module file the host reads: 128 MiB. */
  static final long MAX_BYTES = 128L << 20;

  private ModuleFile() {}

  /**
   * The bytes of {@code file}.
   *
   * @throws GuestException if it cannot be read or is larger than {@link #MAX_BYTES}
   */
  static byte[] read(Path file) throws GuestException {
    try {
      long size = Files.size(file);
      if (size > MAX_BYTES) {
        throw tooLarge(file, size);
      }
      try (InputStream in = Files.newInputStream(file)) {
        byte[] bytes = in.readNBytes((int) MAX_BYTES + 1);
        if (bytes.length > MAX_BYTES) {
          throw tooLarge(file, bytes.length);
        }
        return bytes;
      }
    } catch (IOException e) {
      throw new GuestException("cannot read " + file + ": " + e, e);
    }
  }

  private static GuestException tooLarge(Path file, long size) {
    return new GuestException(
        file
            + " is "
            + size
            + " bytes; a component may be at most "
            + MAX_BYTES
            + " bytes ("
            + (MAX_BYTES >> 20)
            + " MiB)");
  }
}
