package dev.cassette.host.wasm;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/** Hostile edits of a WebAssembly module's bytes, for tests. */
public final class ModuleBytes {
  private static final int DATA_SECTION = 11;

  private ModuleBytes() {}

  /**
   * {@code module} with the declared byte length of its first active data segment replaced by
   * {@code length} (the segment's bytes stay as they are), the data section's size adjusted.
   */
  public static byte[] withFirstDataSegmentLength(byte[] module, long length) {
    int at = 8;
    while (at < module.length) {
      int id = module[at];
      long[] size = leb(module, at + 1);
      int body = (int) size[1];
      int end = body + (int) size[0];
      if (id == DATA_SECTION) {
        int cursor = (int) leb(module, body)[1];
        if (module[cursor] != 0) {
          throw new IllegalArgumentException("the first data segment is not active in memory 0");
        }
        cursor++;
        while (module[cursor] != 0x0b) {
          cursor++;
        }
        int lengthAt = cursor + 1;
        int lengthEnd = (int) leb(module, lengthAt)[1];
        ByteArrayOutputStream section = new ByteArrayOutputStream();
        section.write(module, body, lengthAt - body);
        writeLeb(section, length);
        section.write(module, lengthEnd, end - lengthEnd);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(module, 0, at + 1);
        writeLeb(out, section.size());
        out.writeBytes(section.toByteArray());
        out.write(module, end, module.length - end);
        return out.toByteArray();
      }
      at = end;
    }
    throw new IllegalArgumentException("the module has no data section");
  }

  /** {@code module} with the byte at {@code index} replaced by {@code value}. */
  public static byte[] withByte(byte[] module, int index, int value) {
    byte[] copy = Arrays.copyOf(module, module.length);
    copy[index] = (byte) value;
    return copy;
  }

  /**
   * {@code module} with a custom section named {@code name} appended: other bytes, the same code.
   */
  public static byte[] withCustomSection(byte[] module, String name) {
    byte[] nameBytes = name.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    ByteArrayOutputStream content = new ByteArrayOutputStream();
    writeLeb(content, nameBytes.length);
    content.writeBytes(nameBytes);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(module);
    out.write(0);
    writeLeb(out, content.size());
    out.writeBytes(content.toByteArray());
    return out.toByteArray();
  }

  /** The unsigned LEB128 at {@code at}: its value and the index after it. */
  private static long[] leb(byte[] bytes, int at) {
    long value = 0;
    int shift = 0;
    int cursor = at;
    while (true) {
      int b = bytes[cursor++] & 0xff;
      value |= (long) (b & 0x7f) << shift;
      shift += 7;
      if (b < 0x80) {
        return new long[] {value, cursor};
      }
    }
  }

  private static void writeLeb(ByteArrayOutputStream out, long value) {
    long rest = value;
    do {
      int b = (int) (rest & 0x7f);
      rest >>>= 7;
      out.write(rest != 0 ? b | 0x80 : b);
    } while (rest != 0);
  }
}
