package dev.cassette.proxy.record;

import dev.cassette.proxy.redact.Redactor;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The fast path of {@link VerbatimLines} for the common line: printable ASCII, no escapes. It
 * answers {@code true} only when the line is one JSON object that {@link
 * dev.cassette.proxy.jsonrpc.JsonRpcMessage#parse(byte[])} accepts as a message, with no duplicate
 * key, no sensitive field name and no string redaction could change; anything else (a non-ASCII
 * byte, a backslash, deep nesting, many keys, long strings or numbers, anything unexpected) is
 * {@code false}, and the caller asks Jackson instead.
 *
 * <p>Why not Jackson for every line: in a live session the recorder runs between the peers' turns,
 * with caches they filled; a parser touches far more memory than this single pass over the line's
 * bytes, and that, not the instruction count, is what the session pays for (see {@code
 * docs/benchmarks.md}).
 */
final class PlainLineScan {

  private static final int MAX_DEPTH = 32;

  /** Keys of all the objects open at once (a stack); a line with more is left to Jackson. */
  private static final int MAX_KEYS = 64;

  private static final int MAX_STRING = 1 << 16;
  private static final int MAX_DIGITS = 64;
  private static final int NOT_PLAIN = -1;
  private static final int MORE = -2;
  private static final byte[] LOAD_COMPONENT =
      ComponentProbe.LOAD_COMPONENT.getBytes(StandardCharsets.US_ASCII);

  private final Redactor redactor;

  PlainLineScan(Redactor redactor) {
    this.redactor = redactor;
  }

  /** Whether {@code line} is certainly a plain message with nothing to redact. */
  boolean accepts(byte[] line, boolean clientToServer) {
    return new Cursor(line, clientToServer).message();
  }

  /** One pass over one line. */
  private final class Cursor {
    private final byte[] b;
    private final boolean clientToServer;
    private final int[] keyStarts = new int[MAX_KEYS];
    private final int[] keyEnds = new int[MAX_KEYS];
    private int keys;
    private int at;
    private boolean method;
    private boolean id;
    private boolean outcome;

    Cursor(byte[] bytes, boolean clientToServer) {
      this.b = bytes;
      this.clientToServer = clientToServer;
    }

    boolean message() {
      for (byte c : b) {
        if (c < 0x20 && c != '\t' && c != '\r' || c == '\\' || c >= 0x7f) {
          return false;
        }
      }
      skipBlanks();
      if (at >= b.length || b[at] != '{' || object(1) == NOT_PLAIN) {
        return false;
      }
      skipBlanks();
      return at == b.length && (method || id && outcome);
    }

    /** An object starting at {@code at}; returns the index after it or {@link #NOT_PLAIN}. */
    private int object(int depth) {
      if (depth > MAX_DEPTH) {
        return NOT_PLAIN;
      }
      at++; // {
      int base = keys; // this object's keys are keyStarts/keyEnds[base, keys)
      skipBlanks();
      if (at < b.length && b[at] == '}') {
        return ++at;
      }
      while (true) {
        skipBlanks();
        int keyStart = at + 1;
        int keyEnd = string();
        if (keyEnd == NOT_PLAIN || keys == MAX_KEYS) {
          return NOT_PLAIN;
        }
        for (int k = base; k < keys; k++) {
          if (Arrays.equals(b, keyStarts[k], keyEnds[k], b, keyStart, keyEnd)) {
            return NOT_PLAIN; // a duplicate key: Jackson rejects the line
          }
        }
        keyStarts[keys] = keyStart;
        keyEnds[keys++] = keyEnd;
        String key = ascii(keyStart, keyEnd);
        if (redactor.isSensitiveField(key)) {
          return NOT_PLAIN;
        }
        skipBlanks();
        if (at >= b.length || b[at++] != ':') {
          return NOT_PLAIN;
        }
        skipBlanks();
        if (at >= b.length) {
          return NOT_PLAIN;
        }
        byte first = b[at];
        if (value(depth) == NOT_PLAIN || depth == 1 && !envelope(key, first)) {
          return NOT_PLAIN;
        }
        int after = afterItem('}');
        if (after != MORE) {
          keys = base; // a nested object's keys are done with once it closes
          return after;
        }
      }
    }

    private int array(int depth) {
      if (depth > MAX_DEPTH) {
        return NOT_PLAIN;
      }
      at++; // [
      skipBlanks();
      if (at < b.length && b[at] == ']') {
        return ++at;
      }
      while (true) {
        skipBlanks();
        if (value(depth) == NOT_PLAIN) {
          return NOT_PLAIN;
        }
        int after = afterItem(']');
        if (after != MORE) {
          return after;
        }
      }
    }

    /**
     * After a member or element: {@link #MORE} after a comma, the index after {@code close} at the
     * end of the object or array, {@link #NOT_PLAIN} otherwise.
     */
    private int afterItem(char close) {
      skipBlanks();
      if (at >= b.length) {
        return NOT_PLAIN;
      }
      byte next = b[at++];
      return next == ',' ? MORE : next == close ? at : NOT_PLAIN;
    }

    private int value(int depth) {
      if (at >= b.length) {
        return NOT_PLAIN;
      }
      switch (b[at]) {
        case '{':
          return object(depth + 1);
        case '[':
          return array(depth + 1);
        case '"':
          int start = at + 1;
          int end = string();
          if (end == NOT_PLAIN) {
            return NOT_PLAIN;
          }
          if (clientToServer
                  && Arrays.equals(b, start, end, LOAD_COMPONENT, 0, LOAD_COMPONENT.length)
              || redactor.mayChange(ascii(start, end))) {
            return NOT_PLAIN;
          }
          return at;
        case 't':
          return literal("true");
        case 'f':
          return literal("false");
        case 'n':
          return literal("null");
        default:
          return number();
      }
    }

    /** Top-level members that decide the message kind, as {@link VerbatimLines} checks them. */
    private boolean envelope(String key, byte first) {
      switch (key) {
        case "method":
          method = first == '"';
          return method;
        case "id":
          id = first == '"' || first == 'n' || isInteger(first);
          return id;
        case "result":
        case "error":
          outcome = true;
          return true;
        default:
          return true;
      }
    }

    /** Whether the number just scanned (ending at {@code at}) has no fraction or exponent. */
    private boolean isInteger(byte first) {
      if (first != '-' && (first < '0' || first > '9')) {
        return false;
      }
      for (int i = at - 1; i >= 0 && b[i] != ':'; i--) {
        if (b[i] == '.' || b[i] == 'e' || b[i] == 'E') {
          return false;
        }
      }
      return true;
    }

    /** A string starting at {@code at} (a quote); returns the index of its closing quote. */
    private int string() {
      if (at >= b.length || b[at] != '"') {
        return NOT_PLAIN;
      }
      for (int i = at + 1; i < b.length && i - at <= MAX_STRING; i++) {
        if (b[i] == '"') {
          at = i + 1;
          return i;
        }
        if (b[i] < 0x20) {
          return NOT_PLAIN; // a raw tab or carriage return: not allowed inside a JSON string
        }
      }
      return NOT_PLAIN;
    }

    private int literal(String word) {
      int n = word.length();
      if (at + n > b.length) {
        return NOT_PLAIN;
      }
      for (int i = 0; i < n; i++) {
        if (b[at + i] != word.charAt(i)) {
          return NOT_PLAIN;
        }
      }
      at += n;
      return at;
    }

    /** {@code -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?}, as JSON has it. */
    private int number() {
      if (at < b.length && b[at] == '-') {
        at++;
      }
      if (at < b.length && b[at] == '0') {
        at++;
      } else if (digits() == 0) {
        return NOT_PLAIN;
      }
      if (at < b.length && b[at] == '.') {
        at++;
        if (digits() == 0) {
          return NOT_PLAIN;
        }
      }
      if (at < b.length && (b[at] == 'e' || b[at] == 'E')) {
        at++;
        if (at < b.length && (b[at] == '+' || b[at] == '-')) {
          at++;
        }
        if (digits() == 0) {
          return NOT_PLAIN;
        }
      }
      return at;
    }

    /** The count of digits scanned; 0 also when there are too many for a plain line. */
    private int digits() {
      int start = at;
      while (at < b.length && b[at] >= '0' && b[at] <= '9') {
        at++;
      }
      return at - start > MAX_DIGITS ? 0 : at - start;
    }

    private void skipBlanks() {
      while (at < b.length && (b[at] == ' ' || b[at] == '\t' || b[at] == '\r')) {
        at++;
      }
    }

    private String ascii(int start, int end) {
      return new String(b, start, end - start, StandardCharsets.ISO_8859_1);
    }
  }
}
