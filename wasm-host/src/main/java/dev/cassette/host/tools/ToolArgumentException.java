package dev.cassette.host.tools;

/** A built-in tool's arguments are missing or malformed; the message is Wassette's wording. */
final class ToolArgumentException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  ToolArgumentException(String message) {
    super(message);
  }
}
