package dev.cassette.proxy.record;

import dev.cassette.proxy.jsonrpc.Json;
import dev.cassette.proxy.jsonrpc.JsonRpcMessage;
import dev.cassette.proxy.redact.Redactor;
import dev.cassette.proxy.session.SessionListener.Direction;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * Decides, in one streaming pass and without building a tree, whether a relayed line can go into
 * the journal exactly as it was read: it must be one JSON-RPC message that {@link
 * JsonRpcMessage#parse(byte[])} accepts, that redaction would leave unchanged, and that is not a
 * {@code load-component} call (whose component the recorder describes).
 *
 * <p>The common line (printable ASCII, no escapes) is checked by {@link PlainLineScan}, one pass
 * over its bytes; any other by Jackson's streaming parser. Every check is conservative: a line it
 * refuses takes the recorder's full path (parse, redact, classify), which decides what is
 * journaled. Nearly every line of a session passes: JSON-RPC messages without secrets.
 */
final class VerbatimLines {

  private final Redactor redactor;
  private final PlainLineScan plain;

  VerbatimLines(Redactor redactor) {
    this.redactor = redactor;
    this.plain = new PlainLineScan(redactor);
  }

  /** Whether {@code line} can be journaled as it is. */
  boolean accepts(Direction direction, byte[] line) {
    boolean clientToServer = direction == Direction.CLIENT_TO_SERVER;
    return plain.accepts(line, clientToServer) || acceptsByParsing(clientToServer, line);
  }

  /** The check with Jackson's streaming parser, for any line. */
  boolean acceptsByParsing(boolean clientToServer, byte[] line) {
    try (JsonParser parser = Json.mapper().createParser(line)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return false; // a batch, a scalar or nothing: the full path classifies it
      }
      Envelope envelope = new Envelope();
      int depth = 1;
      String member = null;
      JsonToken token;
      while ((token = parser.nextToken()) != null) {
        if (member != null && !envelope.accepts(member, token)) {
          return false;
        }
        member = null;
        switch (token) {
          case START_OBJECT, START_ARRAY -> depth++;
          case END_OBJECT, END_ARRAY -> {
            if (--depth == 0) {
              return parser.nextToken() == null && envelope.isMessage();
            }
          }
          case PROPERTY_NAME -> {
            String name = parser.currentName();
            if (redactor.isSensitiveField(name)) {
              return false;
            }
            member = depth == 1 ? name : null;
          }
          case VALUE_STRING -> {
            String value = parser.getString();
            if (redactor.mayChange(value)
                || clientToServer && ComponentProbe.LOAD_COMPONENT.equals(value)) {
              return false;
            }
          }
          default -> {
            // numbers, booleans and null cannot hold a secret
          }
        }
      }
      return false; // the object never closed
    } catch (JacksonException e) {
      return false; // malformed: the full path reports it
    }
  }

  /** The top-level members that make an object a JSON-RPC message ({@link JsonRpcMessage#of}). */
  private static final class Envelope {
    private boolean method;
    private boolean id;
    private boolean outcome;

    /** Whether the value starting with {@code token} is acceptable for top-level {@code name}. */
    boolean accepts(String name, JsonToken token) {
      switch (name) {
        case "method" -> {
          method = token == JsonToken.VALUE_STRING;
          return method;
        }
        case "id" -> {
          id =
              token == JsonToken.VALUE_STRING
                  || token == JsonToken.VALUE_NUMBER_INT
                  || token == JsonToken.VALUE_NULL;
          return id;
        }
        case "result", "error" -> outcome = true;
        default -> {
          // other members do not decide the kind
        }
      }
      return true;
    }

    boolean isMessage() {
      return method || id && outcome;
    }
  }
}
