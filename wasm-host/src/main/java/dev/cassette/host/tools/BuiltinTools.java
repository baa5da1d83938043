package dev.cassette.host.tools;

import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.apiguardian.api.API;

/**
 * Wassette's built-in tools, with its names, descriptions and input schemas (those of Wassette
 * 0.8.0, word for word and in its key order).
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class BuiltinTools {
  /**
   * The names of the built-in tools, in the order they are listed (after the components' tools, as
   * Wassette lists them).
   */
  public static final List<String> NAMES =
      List.of(
          "load-component",
          "unload-component",
          "list-components",
          "get-policy",
          "grant-storage-permission",
          "grant-network-permission",
          "grant-environment-variable-permission",
          "revoke-storage-permission",
          "revoke-network-permission",
          "revoke-environment-variable-permission",
          "reset-permission",
          "search-components");

  private BuiltinTools() {}

  /** The names as a set, for the registry's reserved names. */
  public static Set<String> names() {
    return Set.copyOf(NAMES);
  }

  /**
   * The built-in tool specifications.
   *
   * @param componentDir the directory {@code search-components} lists, or {@code null}
   * @param toolListChanged sends {@code notifications/tools/list_changed} (Wassette sends one for
   *     every unload, also of a component that is not loaded)
   */
  public static List<SyncToolSpecification> specifications(
      ComponentRegistry registry, Path componentDir, Runnable toolListChanged) {
    ComponentTools components = new ComponentTools(registry, componentDir, toolListChanged);
    PermissionTools permissions = new PermissionTools(registry);
    List<SyncToolSpecification> specs = new ArrayList<>();
    specs.add(
        spec(
            "load-component",
            "Dynamically loads a new tool or component from either the filesystem or OCI"
                + " registries.",
            BuiltinSchemas.object(
                List.of(BuiltinSchemas.property("path", BuiltinSchemas.string(null))), "path"),
            components::load,
            registry));
    specs.add(
        spec(
            "unload-component",
            "Unloads a tool or component.",
            BuiltinSchemas.object(
                List.of(BuiltinSchemas.property("id", BuiltinSchemas.string(null))), "id"),
            components::unload,
            registry));
    specs.add(
        spec(
            "list-components",
            "Lists all currently loaded components or tools.",
            BuiltinSchemas.object(List.of()),
            components::list,
            registry));
    specs.add(
        spec(
            "get-policy",
            "Gets the policy information for a specific component",
            BuiltinSchemas.componentOnly("ID of the component to get policy for"),
            permissions::getPolicy,
            registry));
    permissions
        .grantsAndRevokes()
        .forEach(
            p -> specs.add(spec(p.name(), p.description(), p.schema(), p.handler(), registry)));
    specs.add(
        spec(
            "reset-permission",
            "Resets all permissions for a component, removing all granted permissions and"
                + " returning it to the default state.",
            BuiltinSchemas.componentOnly("ID of the component to reset permissions for"),
            permissions::reset,
            registry));
    specs.add(
        spec(
            "search-components",
            "Lists all known components that can be fetched and loaded. Optionally filter by a"
                + " search query.",
            BuiltinSchemas.object(
                List.of(
                    BuiltinSchemas.property(
                        "query",
                        BuiltinSchemas.string(
                            "Optional search query to filter components by name, description,"
                                + " or URI")))),
            components::search,
            registry));
    return specs;
  }

  private static SyncToolSpecification spec(
      String name,
      String description,
      Map<String, Object> schema,
      Function<Map<String, Object>, CallToolResult> handler,
      ComponentRegistry registry) {
    Tool tool = Tool.builder(name, schema).description(description).build();
    return SyncToolSpecification.builder()
        .tool(tool)
        .callHandler(
            (exchange, request) -> {
              Map<String, Object> args =
                  request.arguments() == null ? Map.of() : request.arguments();
              try {
                return handler.apply(args);
              } catch (ToolArgumentException e) {
                return ToolResults.error(e.getMessage());
              } catch (Throwable e) {
                // also a StackOverflowError or OutOfMemoryError: the request is still answered
                return registry.failed(name, e);
              }
            })
        .build();
  }
}
