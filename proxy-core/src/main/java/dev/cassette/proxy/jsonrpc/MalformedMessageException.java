package dev.cassette.proxy.jsonrpc;

import org.apiguardian.api.API;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/** Thrown when bytes on the wire are not a JSON-RPC 2.0 message; the message says why. */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public class MalformedMessageException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Creates an exception with a reason. */
  public MalformedMessageException(String message) {
    super(message);
  }

  /** Creates an exception with a reason and the parser's error. */
  public MalformedMessageException(String message, Throwable cause) {
    super(message, cause);
  }

  static JsonNode parseTree(byte[] utf8) {
    try {
      return Json.parse(utf8);
    } catch (JacksonException e) {
      throw new MalformedMessageException("not JSON: " + e.getOriginalMessage(), e);
    }
  }

  static JsonNode parseTree(String text) {
    try {
      return Json.parse(text);
    } catch (JacksonException e) {
      throw new MalformedMessageException("not JSON: " + e.getOriginalMessage(), e);
    }
  }
}
