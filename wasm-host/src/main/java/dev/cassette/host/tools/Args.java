package dev.cassette.host.tools;

import java.util.Map;

/** Reads built-in tool arguments with Wassette's error wording. */
final class Args {
  private Args() {}

  static String string(Map<String, Object> args, String name) {
    Object value = args.get(name);
    if (!(value instanceof String text)) {
      throw new ToolArgumentException("Missing required argument: '" + name + "'");
    }
    return text;
  }

  static Map<String, Object> details(Map<String, Object> args) {
    Object value = args.get("details");
    if (!(value instanceof Map<?, ?> map)) {
      throw new ToolArgumentException("Missing required argument: 'details'");
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> details = (Map<String, Object>) map;
    return details;
  }
}
