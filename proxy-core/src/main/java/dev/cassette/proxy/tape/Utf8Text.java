package dev.cassette.proxy.tape;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Decodes a tape's bytes as UTF-8, naming the line, column and byte offset of a bad sequence. */
final class Utf8Text {

  private Utf8Text() {}

  static String decode(byte[] bytes, String sourceName) throws TapeFormatException {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length);
    CoderResult result = decoder.decode(in, out, true);
    if (result.isUnderflow()) {
      result = decoder.flush(out);
    }
    if (result.isError()) {
      throw malformed(bytes, in.position(), result.length(), sourceName);
    }
    return out.flip().toString();
  }

  private static TapeFormatException malformed(
      byte[] bytes, int offset, int length, String sourceName) {
    int line = 1;
    int column = 1;
    for (int i = 0; i < offset; i++) {
      if (bytes[i] == '\n') {
        line++;
        column = 1;
      } else if ((bytes[i] & 0xC0) != 0x80) {
        column++; // a character starts here (continuation bytes do not count)
      }
    }
    StringBuilder shown = new StringBuilder();
    for (int i = offset; i < Math.min(bytes.length, offset + Math.max(length, 1)); i++) {
      shown
          .append(shown.length() == 0 ? "" : " ")
          .append(String.format(Locale.ROOT, "0x%02X", bytes[i] & 0xFF));
    }
    return new TapeFormatException(
        sourceName,
        new SourcePosition(line, column),
        "not UTF-8 text: invalid byte sequence "
            + shown
            + " at byte offset "
            + offset
            + "; tapes are UTF-8");
  }
}
