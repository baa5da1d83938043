package dev.cassette.proxy.record;

import tools.jackson.databind.JsonNode;

/** Replaces secrets with placeholders before anything is written. */
interface Redaction {

  /** A redacted copy of a message (or the message itself when it holds no secret). */
  JsonNode redact(JsonNode message);

  /** Redacted text, for lines that are not JSON and for command lines. */
  String redact(String text);
}
