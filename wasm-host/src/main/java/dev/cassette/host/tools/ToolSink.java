package dev.cassette.host.tools;

import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import org.apiguardian.api.API;

/** Where component tools are published: the running MCP server. */
@API(status = API.Status.INTERNAL, since = "0.1")
public interface ToolSink {
  /** Publishes a tool. */
  void add(SyncToolSpecification tool);

  /** Withdraws the tool named {@code name}. */
  void remove(String name);

  /** Runs {@code change} so that the client gets one {@code tools/list_changed} for it. */
  void batch(Runnable change);
}
