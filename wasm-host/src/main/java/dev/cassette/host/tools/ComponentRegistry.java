package dev.cassette.host.tools;

import dev.cassette.host.policy.Policy;
import dev.cassette.host.policy.PolicyException;
import dev.cassette.host.policy.PolicyStore;
import dev.cassette.host.wasm.GuestException;
import dev.cassette.host.wasm.GuestModule;
import dev.cassette.host.wasm.ToolDescription;
import dev.cassette.host.wasm.WasmRuntime;
import dev.cassette.proxy.jsonrpc.Json;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.apiguardian.api.API;
import tools.jackson.databind.JsonNode;

/**
 * The components the host has loaded, and the MCP tools they publish. Loads and unloads are
 * serialised; calls run concurrently, each on a fresh instance under the policy read at call time.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class ComponentRegistry {
  private static final String WASM = ".wasm";

  private final WasmRuntime runtime;
  private final PolicyStore policies;
  private final Set<String> reservedNames;
  private final Map<String, LoadedComponent> components = new TreeMap<>();
  private final JsonSchemaValidator validator = McpJsonDefaults.getSchemaValidator();
  private ToolSink sink;

  /**
   * A registry that runs components on {@code runtime}.
   *
   * @param reservedNames tool names components may not use (the built-in tools)
   */
  public ComponentRegistry(WasmRuntime runtime, PolicyStore policies, Set<String> reservedNames) {
    this.runtime = Objects.requireNonNull(runtime, "runtime");
    this.policies = Objects.requireNonNull(policies, "policies");
    this.reservedNames = Set.copyOf(reservedNames);
  }

  /**
   * Where tools are published from now on; before this, {@link #toolSpecifications()} holds them.
   */
  public synchronized void attach(ToolSink toolSink) {
    this.sink = Objects.requireNonNull(toolSink, "toolSink");
  }

  /** The policy store. */
  public PolicyStore policies() {
    return policies;
  }

  /** The MCP tools of every loaded component, in component then tool order. */
  public synchronized List<SyncToolSpecification> toolSpecifications() {
    List<SyncToolSpecification> specs = new ArrayList<>();
    components.values().forEach(c -> specs.addAll(specifications(c)));
    return specs;
  }

  /** The loaded components by id, in id order. */
  public synchronized Collection<LoadedComponent> loaded() {
    return List.copyOf(components.values());
  }

  /** The loaded component {@code id}, if any. */
  public synchronized Optional<LoadedComponent> find(String id) {
    return Optional.ofNullable(components.get(id));
  }

  /** What a load did. */
  public record LoadOutcome(LoadedComponent component, boolean replaced) {}

  /**
   * Loads (or reloads) the component at {@code source}: a path or {@code file://} URI of a {@code
   * .wasm} file.
   *
   * @throws GuestException saying why it cannot be loaded
   */
  public synchronized LoadOutcome load(String source) throws GuestException {
    Path file = toPath(source);
    String name = file.getFileName() == null ? "" : file.getFileName().toString();
    if (!name.endsWith(WASM) || name.length() == WASM.length()) {
      throw new GuestException("expected a .wasm file, got " + source);
    }
    if (!Files.isRegularFile(file)) {
      throw new GuestException("no such file: " + file);
    }
    String id = name.substring(0, name.length() - WASM.length());
    GuestModule module = runtime.load(file, id);
    checkNames(module);
    LoadedComponent component =
        new LoadedComponent(module, source, PolicyStore.policyFile(file, id));
    LoadedComponent previous = components.put(id, component);
    if (sink != null) {
      sink.batch(
          () -> {
            if (previous != null) {
              previous.module().description().tools().forEach(t -> sink.remove(t.toolName()));
            }
            specifications(component).forEach(sink::add);
          });
    }
    return new LoadOutcome(component, previous != null);
  }

  /**
   * Unloads component {@code id}.
   *
   * @throws GuestException if no such component is loaded
   */
  public synchronized void unload(String id) throws GuestException {
    LoadedComponent removed = components.remove(id);
    if (removed == null) {
      throw new GuestException("Component not found: " + id);
    }
    if (sink != null) {
      sink.batch(
          () -> removed.module().description().tools().forEach(t -> sink.remove(t.toolName())));
    }
  }

  private void checkNames(GuestModule module) throws GuestException {
    for (ToolDescription tool : module.description().tools()) {
      String name = tool.toolName();
      if (reservedNames.contains(name)) {
        throw new GuestException("tool name '" + name + "' is reserved for a built-in tool");
      }
      for (LoadedComponent other : components.values()) {
        if (!other.id().equals(module.id()) && other.module().tool(name).isPresent()) {
          throw new GuestException(
              "tool '" + name + "' is already provided by component '" + other.id() + "'");
        }
      }
    }
  }

  private static Path toPath(String source) throws GuestException {
    if (source.startsWith("file://")) {
      try {
        return Path.of(URI.create(source));
      } catch (IllegalArgumentException e) {
        throw new GuestException("invalid file URI " + source + ": " + e.getMessage(), e);
      }
    }
    if (source.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*")) {
      throw new GuestException(
          "only local .wasm files (a path or file:// URI) are supported, got " + source);
    }
    return Path.of(source).toAbsolutePath().normalize();
  }

  private List<SyncToolSpecification> specifications(LoadedComponent component) {
    List<SyncToolSpecification> specs = new ArrayList<>();
    for (ToolDescription tool : component.module().description().tools()) {
      Tool mcpTool =
          Tool.builder(tool.toolName(), asMap(tool.inputSchema()))
              .description(tool.description())
              .outputSchema(asMap(tool.outputSchema()))
              .build();
      specs.add(
          SyncToolSpecification.builder()
              .tool(mcpTool)
              .callHandler((exchange, request) -> call(component, tool, request.arguments()))
              .build());
    }
    return specs;
  }

  /** Calls a component tool; every failure becomes a Wassette-style tool error. */
  CallToolResult call(LoadedComponent component, ToolDescription tool, Map<String, Object> args) {
    Map<String, Object> arguments = args == null ? Map.of() : args;
    var validation = validator.validate(asMap(tool.inputSchema()), arguments);
    if (!validation.valid()) {
      return ToolResults.error(
          "invalid arguments for tool '" + tool.toolName() + "': " + validation.errorMessage());
    }
    try {
      Policy policy = policies.read(component.policyFile());
      JsonNode argumentsJson = Json.mapper().valueToTree(arguments);
      return ToolResults.structured(runtime.call(component.module(), tool, argumentsJson, policy));
    } catch (GuestException | PolicyException e) {
      return ToolResults.error(e.getMessage());
    } catch (RuntimeException e) {
      return ToolResults.error("tool '" + tool.toolName() + "' failed in the host: " + e);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asMap(JsonNode node) {
    return Json.mapper().convertValue(node, Map.class);
  }
}
