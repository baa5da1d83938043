package dev.cassette.proxy.tape;

import tools.jackson.core.SerializableString;
import tools.jackson.core.io.CharacterEscapes;
import tools.jackson.core.io.SerializedString;

/**
 * JSON's standard escapes, plus {@code \u2028}, {@code \u2029} and the byte order mark written as
 * escapes: they are invisible in a diff and break JavaScript readers when raw.
 */
final class TapeCharacterEscapes extends CharacterEscapes {

  private static final long serialVersionUID = 1L;

  private static final int[] ASCII = standardAsciiEscapesForJSON();

  @Override
  public int[] getEscapeCodesForAscii() {
    return ASCII.clone();
  }

  @Override
  public SerializableString getEscapeSequence(int ch) {
    return switch (ch) {
      case 0x2028, 0x2029, 0xFEFF -> new SerializedString(String.format("\\u%04x", ch));
      default -> null;
    };
  }
}
