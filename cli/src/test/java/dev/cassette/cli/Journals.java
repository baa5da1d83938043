package dev.cassette.cli;

import dev.cassette.proxy.jsonrpc.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** Reads a recording's journal in tests, to wait for what it holds. */
final class Journals {

  private Journals() {}

  /** What a recorder wrote so far: a live journal ends in the zero bytes of its mapped region. */
  static String written(Path journal) throws IOException {
    String text = Files.readString(journal);
    int end = text.indexOf('\0');
    return end < 0 ? text : text.substring(0, end);
  }

  /**
   * Whether every client request in the journal so far has its response: the SDK client sends
   * requests of its own (a tools/list after each list_changed), and a session it ends while one is
   * open is, rightly, not clean.
   */
  static boolean allAnswered(Path journal) {
    List<String> lines;
    try {
      lines = Files.exists(journal) ? written(journal).lines().toList() : List.of();
    } catch (IOException e) {
      return false;
    }
    long requests = 0;
    long responses = 0;
    for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
      JsonNode entry = Json.parse(line);
      JsonNode message = entry.get("message");
      if (message == null || !message.isObject()) {
        continue;
      }
      boolean client = "client".equals(entry.path("dir").asString());
      if (client && message.has("method") && message.has("id")) {
        requests++;
      } else if (!client && !message.has("method") && message.has("id")) {
        responses++;
      }
    }
    return requests > 0 && requests == responses;
  }
}
