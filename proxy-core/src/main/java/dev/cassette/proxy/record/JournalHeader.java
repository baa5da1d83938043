package dev.cassette.proxy.record;

import dev.cassette.proxy.jsonrpc.Json;
import dev.cassette.proxy.tape.Recording;
import dev.cassette.proxy.tape.ServerSpec;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The first line of a journal: the tape's metadata as known when recording started.
 *
 * @param name the tape's name
 * @param tags the tape's tags
 * @param recorded when and with what
 * @param server the server (command already redacted, env names only)
 */
record JournalHeader(String name, List<String> tags, Recording recorded, ServerSpec server) {

  static final String MARKER = "cassetteJournal";
  static final int VERSION = 1;

  JournalHeader {
    tags = List.copyOf(tags);
  }

  ObjectNode toJson() {
    ObjectNode node = Json.mapper().createObjectNode();
    node.put(MARKER, VERSION);
    node.put("name", name);
    strings(node.putArray("tags"), tags);
    ObjectNode recording = node.putObject("recorded");
    recording.put("at", recorded.at());
    recording.put("by", recorded.by());
    ObjectNode spec = node.putObject("server");
    spec.put("transport", server.transport());
    strings(spec.putArray("command"), server.command());
    if (server.url() != null) {
      spec.put("url", server.url());
    }
    if (server.embedded() != null) {
      spec.set("embedded", server.embedded().deepCopy());
    }
    strings(spec.putArray("env"), server.env());
    if (server.workingDirectory() != null) {
      spec.put("workingDirectory", server.workingDirectory());
    }
    if (server.componentDir() != null) {
      spec.put("componentDir", server.componentDir());
    }
    return node;
  }

  static JournalHeader fromJson(JsonNode node) {
    JsonNode marker = node.get(MARKER);
    if (marker == null || !marker.isIntegralNumber()) {
      throw new IllegalArgumentException("not a cassette journal (no \"" + MARKER + "\" header)");
    }
    if (marker.asInt() > VERSION) {
      throw new IllegalArgumentException(
          "journal version "
              + marker.asInt()
              + " is newer than this cassette reads ("
              + VERSION
              + ")");
    }
    JsonNode recording = node.path("recorded");
    JsonNode spec = node.path("server");
    ServerSpec server =
        new ServerSpec(
            spec.path("transport").asString(ServerSpec.STDIO),
            strings(spec.get("command")),
            textOrNull(spec.get("url")),
            spec.get("embedded") instanceof ObjectNode embedded ? embedded : null,
            strings(spec.get("env")),
            textOrNull(spec.get("workingDirectory")),
            textOrNull(spec.get("componentDir")),
            null,
            null,
            null);
    return new JournalHeader(
        node.path("name").asString("recording"),
        strings(node.get("tags")),
        new Recording(textOrNull(recording.get("at")), textOrNull(recording.get("by")), null),
        server);
  }

  private static void strings(ArrayNode array, List<String> values) {
    values.forEach(array::add);
  }

  private static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    if (array != null && array.isArray()) {
      array.forEach(value -> values.add(value.asString()));
    }
    return values;
  }

  private static String textOrNull(JsonNode value) {
    return value == null || value.isNull() ? null : value.asString();
  }
}
