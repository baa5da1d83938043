package dev.cassette.host.tools;

import dev.cassette.host.mcp.SchemaCheckCache;
import dev.cassette.host.policy.Policy;
import dev.cassette.host.policy.PolicyException;
import dev.cassette.host.policy.PolicyStore;
import dev.cassette.host.wasm.GuestException;
import dev.cassette.host.wasm.GuestModule;
import dev.cassette.host.wasm.ToolDescription;
import dev.cassette.host.wasm.WasmRuntime;
import dev.cassette.proxy.jsonrpc.Json;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
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
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.apiguardian.api.API;
import tools.jackson.databind.JsonNode;

/**
 * The components the host has loaded, and the MCP tools they publish. A load parses and describes
 * its module without holding the registry's lock (a guest whose {@code _initialize} spins delays
 * only its own load), then registers and publishes it under the lock; registrations and unloads are
 * serialised. Calls run concurrently, each on a fresh instance under the policy read at call time.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class ComponentRegistry {
  private static final String WASM = ".wasm";
  private static final Pattern URI_SCHEME = Pattern.compile("[a-zA-Z][a-zA-Z0-9+.-]*://");

  private final WasmRuntime runtime;
  private final PolicyStore policies;
  private final Set<String> reservedNames;
  private final Map<String, LoadedComponent> components = new TreeMap<>();
  private final Map<String, SkippedComponent> skipped = new TreeMap<>();
  private final JsonSchemaValidator validator = SchemaCheckCache.shared();
  private final HostFailures failures;
  private ToolSink sink;

  /**
   * A registry that runs components on {@code runtime} and reports unexpected failures nowhere but
   * SLF4J.
   *
   * @param reservedNames tool names components may not use (the built-in tools)
   */
  public ComponentRegistry(WasmRuntime runtime, PolicyStore policies, Set<String> reservedNames) {
    this(runtime, policies, reservedNames, line -> {});
  }

  /**
   * A registry that runs components on {@code runtime}.
   *
   * @param reservedNames tool names components may not use (the built-in tools)
   * @param diagnostics receives one line per unexpected failure (the stack trace goes to SLF4J)
   */
  public ComponentRegistry(
      WasmRuntime runtime,
      PolicyStore policies,
      Set<String> reservedNames,
      Consumer<String> diagnostics) {
    this.runtime = Objects.requireNonNull(runtime, "runtime");
    this.policies = Objects.requireNonNull(policies, "policies");
    this.reservedNames = Set.copyOf(reservedNames);
    this.failures = new HostFailures(diagnostics);
  }

  /**
   * Publishes the tools of the components loaded so far through {@code initial}, then every later
   * change through {@code toolSink}. A component whose tools cannot be published (whatever is
   * thrown) is unloaded and listed in {@link #skipped()}; the others are published.
   */
  public synchronized void attach(ToolSink initial, ToolSink toolSink) {
    Objects.requireNonNull(initial, "initial");
    Objects.requireNonNull(toolSink, "toolSink");
    for (LoadedComponent component : List.copyOf(components.values())) {
      try {
        publish(initial, component, null);
      } catch (GuestException e) {
        components.remove(component.id());
        skipped.put(
            component.id(),
            new SkippedComponent(component.id(), component.source(), e.getMessage()));
      }
    }
    this.sink = toolSink;
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

  /** A component that was not loaded from the component directory at start, and why. */
  public record SkippedComponent(String id, String source, String reason) {}

  /**
   * Records that the component in {@code file} was skipped at start (listed by {@code
   * list-components} until a component with its id loads).
   */
  public synchronized void skip(Path file, String reason) {
    String name = String.valueOf(file.getFileName());
    String id = name.endsWith(WASM) ? name.substring(0, name.length() - WASM.length()) : name;
    skipped.put(id, new SkippedComponent(id, file.toString(), reason));
  }

  /** The components skipped at start and not loaded since, by id. */
  public synchronized List<SkippedComponent> skipped() {
    return List.copyOf(skipped.values());
  }

  /** The loaded component {@code id}, if any. */
  public synchronized Optional<LoadedComponent> find(String id) {
    return Optional.ofNullable(components.get(id));
  }

  /** What a load did. */
  public record LoadOutcome(LoadedComponent component, boolean replaced) {}

  /**
   * Loads (or reloads) the component at {@code source}: a path or {@code file://} URI of a {@code
   * .wasm} file. The module is parsed and described before the registry's lock is taken.
   *
   * @throws GuestException saying why it cannot be loaded (also for what fails unexpectedly)
   */
  public LoadOutcome load(String source) throws GuestException {
    Path file = toPath(source);
    String name = file.getFileName() == null ? "" : file.getFileName().toString();
    if (!name.endsWith(WASM) || name.length() == WASM.length()) {
      throw new GuestException("expected a .wasm file, got " + source);
    }
    if (!Files.isRegularFile(file)) {
      throw new GuestException("no such file: " + file);
    }
    String id = name.substring(0, name.length() - WASM.length());
    GuestModule module;
    try {
      module = runtime.load(file, id);
    } catch (GuestException e) {
      throw e;
    } catch (Throwable e) {
      throw new GuestException(failures.report("loading " + file, e), e);
    }
    return register(new LoadedComponent(module, source, PolicyStore.policyFile(file, id)));
  }

  private synchronized LoadOutcome register(LoadedComponent component) throws GuestException {
    checkNames(component.module());
    LoadedComponent previous = components.put(component.id(), component);
    if (sink != null) {
      try {
        publish(sink, component, previous);
      } catch (GuestException e) {
        if (previous == null) {
          components.remove(component.id());
        } else {
          components.put(component.id(), previous);
        }
        throw e;
      }
    }
    skipped.remove(component.id());
    return new LoadOutcome(component, previous != null);
  }

  /**
   * Publishes the tools of {@code component} (withdrawing those of {@code previous}) as one change;
   * if that throws anything, withdraws what it added and restores {@code previous}'s tools.
   *
   * @throws GuestException saying that the publication failed (the failure is reported)
   */
  private void publish(ToolSink target, LoadedComponent component, LoadedComponent previous)
      throws GuestException {
    try {
      target.batch(
          () -> {
            if (previous != null) {
              toolNames(previous).forEach(target::remove);
            }
            specifications(component).forEach(target::add);
          });
    } catch (Throwable e) {
      String line =
          failures.report("publishing the tools of component '" + component.id() + "'", e);
      restore(target, component, previous);
      throw new GuestException(line, e);
    }
  }

  private void restore(ToolSink target, LoadedComponent failed, LoadedComponent previous) {
    try {
      target.batch(
          () -> {
            for (String tool : toolNames(failed)) {
              quietly(() -> target.remove(tool));
            }
            if (previous != null) {
              specifications(previous).forEach(spec -> quietly(() -> target.add(spec)));
            }
          });
    } catch (Throwable e) {
      failures.report("withdrawing the tools of component '" + failed.id() + "'", e);
    }
  }

  private static void quietly(Runnable change) {
    try {
      change.run();
    } catch (RuntimeException e) {
      // the tool was not published (or is already back): nothing to undo
    }
  }

  private static List<String> toolNames(LoadedComponent component) {
    return component.module().description().tools().stream()
        .map(ToolDescription::toolName)
        .toList();
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
      try {
        sink.batch(() -> toolNames(removed).forEach(sink::remove));
      } catch (Throwable e) {
        throw new GuestException(
            failures.report("withdrawing the tools of component '" + id + "'", e), e);
      }
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
    if (URI_SCHEME.matcher(source).lookingAt()) {
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
              .callHandler((exchange, request) -> guardedCall(component, tool, request))
              .build());
    }
    return specs;
  }

  /** Calls a component tool; every failure, whatever is thrown, becomes a tool error. */
  private CallToolResult guardedCall(
      LoadedComponent component, ToolDescription tool, CallToolRequest request) {
    try {
      return call(component, tool, request.arguments());
    } catch (Throwable e) {
      return failed("tool '" + tool.toolName() + "'", e);
    }
  }

  /** Calls a component tool; guest and policy failures become Wassette-style tool errors. */
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
    }
  }

  /** Reports {@code what}'s unexpected failure and answers it as a tool error. */
  CallToolResult failed(String what, Throwable failure) {
    return ToolResults.error(failures.report(what, failure));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asMap(JsonNode node) {
    return Json.mapper().convertValue(node, Map.class);
  }
}
