package dev.cassette.engine.client;

import org.apiguardian.api.API;
import tools.jackson.databind.JsonNode;

/** The server answered a request with a JSON-RPC error, or a server request is refused. */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public class McpErrorException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** JSON-RPC "method not found". */
  public static final int METHOD_NOT_FOUND = -32601;

  private final int code;
  private final transient JsonNode data;

  /**
   * Creates the exception.
   *
   * @param code the JSON-RPC error code
   * @param message the error's message
   * @param data the error's {@code data}, or {@code null}
   */
  public McpErrorException(int code, String message, JsonNode data) {
    super(message);
    this.code = code;
    this.data = data;
  }

  /** The JSON-RPC error code. */
  public int code() {
    return code;
  }

  /** The error's {@code data} member, or {@code null}. */
  public JsonNode data() {
    return data;
  }

  @Override
  public String toString() {
    return "McpErrorException[" + code + "]: " + getMessage();
  }
}
