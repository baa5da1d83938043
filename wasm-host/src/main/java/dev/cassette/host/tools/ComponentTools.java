package dev.cassette.host.tools;

import dev.cassette.host.wasm.GuestException;
import dev.cassette.host.wasm.ToolDescription;
import dev.cassette.proxy.jsonrpc.Json;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The built-in tools that load, unload, list and find components, with Wassette's texts. */
final class ComponentTools {
  private final ComponentRegistry registry;
  private final Path componentDir;
  private final Runnable toolListChanged;

  ComponentTools(ComponentRegistry registry, Path componentDir, Runnable toolListChanged) {
    this.registry = registry;
    this.componentDir = componentDir;
    this.toolListChanged = toolListChanged;
  }

  CallToolResult load(Map<String, Object> args) {
    String path = Args.string(args, "path");
    try {
      ComponentSources.check(path);
      ComponentRegistry.LoadOutcome outcome = registry.load(path);
      ObjectNode result = Json.mapper().createObjectNode();
      result.put(
          "status",
          outcome.replaced() ? "component reloaded successfully" : "component loaded successfully");
      result.put("id", outcome.component().id());
      ArrayNode tools = result.putArray("tools");
      outcome.component().module().description().tools().forEach(t -> tools.add(t.toolName()));
      return ToolResults.json(result);
    } catch (GuestException e) {
      return ToolResults.error("Failed to load component: " + path + ": " + e.getMessage());
    }
  }

  CallToolResult unload(Map<String, Object> args) {
    Object value = args.get("id");
    if (!(value instanceof String id)) {
      throw new ToolArgumentException("Missing 'id' in arguments");
    }
    ObjectNode unloaded =
        Json.mapper()
            .createObjectNode()
            .put("status", "component unloaded successfully")
            .put("id", id);
    if (registry.find(id).isEmpty()) {
      // Wassette answers an id that is not loaded as unloaded, after a tools/list_changed
      toolListChanged.run();
      return ToolResults.json(unloaded);
    }
    try {
      registry.unload(id);
      return ToolResults.json(unloaded);
    } catch (GuestException e) {
      ObjectNode result = Json.mapper().createObjectNode();
      result.put("status", "error");
      result.put("message", "Failed to unload component: " + e.getMessage());
      result.put("id", id);
      return ToolResults.jsonError(result);
    }
  }

  CallToolResult list(Map<String, Object> args) {
    ObjectNode result = Json.mapper().createObjectNode();
    ArrayNode components = result.putArray("components");
    for (LoadedComponent component : registry.loaded()) {
      List<ToolDescription> tools = component.module().description().tools();
      ObjectNode entry = components.addObject();
      entry.put("id", component.id());
      entry.put("tools_count", tools.size());
      ArrayNode schemaTools = entry.putObject("schema").putArray("tools");
      for (ToolDescription tool : tools) {
        ObjectNode schema = schemaTools.addObject();
        schema.put("name", tool.toolName());
        schema.put("description", tool.description());
        schema.set("inputSchema", tool.inputSchema());
        schema.set("outputSchema", tool.outputSchema());
      }
    }
    result.put("total", components.size());
    List<ComponentRegistry.SkippedComponent> skipped = registry.skipped();
    if (!skipped.isEmpty()) {
      ArrayNode entries = result.putArray("skipped");
      for (ComponentRegistry.SkippedComponent component : skipped) {
        entries
            .addObject()
            .put("id", component.id())
            .put("source", component.source())
            .put("error", component.reason());
      }
    }
    return ToolResults.json(result);
  }

  /**
   * {@code search-components}: Wassette's shape ({@code status}, {@code components} of {@code
   * name}, {@code description}, {@code uri}), listing the {@code .wasm} files of the component
   * directory rather than a remote registry; a string {@code query} keeps the entries whose name,
   * description or URI contains it, ignoring case.
   */
  CallToolResult search(Map<String, Object> args) {
    String query = args.get("query") instanceof String text ? text.toLowerCase(Locale.ROOT) : null;
    ObjectNode result = Json.mapper().createObjectNode();
    result.put("status", "Component list found");
    ArrayNode components = result.putArray("components");
    if (componentDir != null && Files.isDirectory(componentDir)) {
      try (Stream<Path> files = Files.list(componentDir)) {
        for (Path file : files.filter(f -> f.toString().endsWith(".wasm")).sorted().toList()) {
          String name = file.getFileName().toString();
          String id = name.substring(0, name.length() - ".wasm".length());
          String description = "The component " + name + " in the component directory";
          String uri = file.toAbsolutePath().toUri().toString();
          if (query == null || matches(query, id, description, uri)) {
            components.addObject().put("name", id).put("description", description).put("uri", uri);
          }
        }
      } catch (IOException e) {
        return ToolResults.error("cannot list " + componentDir + ": " + e.getMessage());
      }
    }
    return ToolResults.json(result);
  }

  private static boolean matches(String query, String... fields) {
    for (String field : fields) {
      if (field.toLowerCase(Locale.ROOT).contains(query)) {
        return true;
      }
    }
    return false;
  }
}
