package dev.cassette.host.mcp;

import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.InitializeResult;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCResponse;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCResponse.JSONRPCError;
import io.modelcontextprotocol.spec.McpSchema.ListToolsResult;
import io.modelcontextprotocol.spec.McpSchema.ServerCapabilities;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Rewrites the MCP Java SDK's answers into the forms real Wassette gives, where the SDK offers no
 * setting for them (see the fidelity table of {@code docs/host.md}):
 *
 * <ul>
 *   <li>{@code initialize}: capabilities without the {@code logging} capability the SDK always adds
 *       (Wassette declares only {@code tools});
 *   <li>{@code tools/list}: the tools named {@code listedLast} (the built-ins) after every other
 *       tool, in their own order, as Wassette lists component tools first;
 *   <li>{@code tools/call} of an unknown tool: Wassette's tool error instead of the SDK's JSON-RPC
 *       error;
 *   <li>an unknown method: JSON-RPC error -32601 whose message is the bare method name.
 * </ul>
 */
final class WassetteReplies {
  /** The JSON-RPC error code of an unknown method. */
  static final int METHOD_NOT_FOUND = -32601;

  private static final int INVALID_PARAMS = -32602;
  private static final String METHOD_NOT_FOUND_PREFIX = "Method not found: ";

  /** What an unanswered request asked, kept until its response is written. */
  record Pending(String method, String tool) {}

  private final Set<String> listedLast;

  WassetteReplies(Collection<String> listedLast) {
    this.listedLast = Set.copyOf(listedLast);
  }

  /** Wassette's form of {@code response} to {@code request} ({@code null} when not tracked). */
  JSONRPCResponse rewrite(JSONRPCResponse response, Pending request) {
    if (response.error() != null) {
      return rewriteError(response, request);
    }
    if (request == null) {
      return response;
    }
    Object result = response.result();
    if (result instanceof InitializeResult initialize) {
      return withResult(response, withoutLogging(initialize));
    }
    if (result instanceof ListToolsResult tools && !listedLast.isEmpty()) {
      return withResult(response, ordered(tools));
    }
    return response;
  }

  /** Wassette's answer to a method it does not serve. */
  static JSONRPCResponse methodNotFound(Object id, String method) {
    return new JSONRPCResponse(
        McpSchema.JSONRPC_VERSION, id, null, new JSONRPCError(METHOD_NOT_FOUND, method, null));
  }

  private static JSONRPCResponse rewriteError(JSONRPCResponse response, Pending request) {
    JSONRPCError error = response.error();
    String message = error.message();
    if (error.code() == null || message == null) {
      return response;
    }
    if (error.code() == METHOD_NOT_FOUND && message.startsWith(METHOD_NOT_FOUND_PREFIX)) {
      return new JSONRPCResponse(
          response.jsonrpc(),
          response.id(),
          null,
          new JSONRPCError(
              METHOD_NOT_FOUND, message.substring(METHOD_NOT_FOUND_PREFIX.length()), error.data()));
    }
    if (request != null
        && request.tool() != null
        && error.code() == INVALID_PARAMS
        && message.startsWith("Unknown tool")) {
      CallToolResult result =
          CallToolResult.builder()
              .addTextContent(
                  "Error: Failed to find component for tool '"
                      + request.tool()
                      + "': Tool not found")
              .isError(true)
              .build();
      return new JSONRPCResponse(response.jsonrpc(), response.id(), result, null);
    }
    return response;
  }

  private static InitializeResult withoutLogging(InitializeResult result) {
    ServerCapabilities c = result.capabilities();
    if (c == null || c.logging() == null) {
      return result;
    }
    ServerCapabilities capabilities =
        new ServerCapabilities(
            c.completions(),
            c.experimental(),
            null,
            c.prompts(),
            c.resources(),
            c.tools(),
            c.extensions());
    return new InitializeResult(
        result.protocolVersion(),
        capabilities,
        result.serverInfo(),
        result.instructions(),
        result.meta());
  }

  private ListToolsResult ordered(ListToolsResult result) {
    List<Tool> first = new ArrayList<>();
    List<Tool> last = new ArrayList<>();
    for (Tool tool : result.tools()) {
      (listedLast.contains(tool.name()) ? last : first).add(tool);
    }
    first.addAll(last);
    return new ListToolsResult(first, result.nextCursor(), result.meta());
  }

  private static JSONRPCResponse withResult(JSONRPCResponse response, Object result) {
    return new JSONRPCResponse(response.jsonrpc(), response.id(), result, null);
  }
}
