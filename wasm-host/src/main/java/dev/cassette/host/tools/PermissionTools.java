package dev.cassette.host.tools;

import dev.cassette.host.policy.Access;
import dev.cassette.host.policy.Policy;
import dev.cassette.host.policy.PolicyException;
import dev.cassette.host.policy.StorageGrant;
import dev.cassette.host.policy.SystemDirectories;
import dev.cassette.proxy.jsonrpc.Json;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import tools.jackson.databind.node.ObjectNode;

/**
 * The built-in tools that read and change component policies, on disk, as Wassette does. Grant
 * values are checked before anything is written (length, characters, host syntax, refused system
 * directories), so a refused grant leaves the policy file as it was and answers with a tool error
 * naming the argument.
 */
final class PermissionTools {
  /** One grant or revoke tool. */
  record PermissionTool(
      String name,
      String description,
      Map<String, Object> schema,
      Function<Map<String, Object>, CallToolResult> handler) {}

  private final ComponentRegistry registry;

  PermissionTools(ComponentRegistry registry) {
    this.registry = registry;
  }

  CallToolResult getPolicy(Map<String, Object> args) {
    String id = Args.string(args, "component_id");
    ObjectNode result = Json.mapper().createObjectNode();
    var component = registry.find(id);
    String text = null;
    if (component.isPresent()) {
      try {
        text = registry.policies().readText(component.get().policyFile());
      } catch (PolicyException e) {
        return ToolResults.error(e.getMessage());
      }
    }
    if (text == null) {
      return ToolResults.json(result.put("status", "no policy found").put("component_id", id));
    }
    result.put("status", "policy found").put("component_id", id);
    ObjectNode info = result.putObject("policy_info");
    info.put("policy_id", id + "-policy");
    info.put("source_uri", component.get().policyFile().toUri().toString());
    info.put("local_path", component.get().policyFile().toString());
    info.put("content", text);
    return ToolResults.json(result);
  }

  CallToolResult reset(Map<String, Object> args) {
    String id = Args.string(args, "component_id");
    var component = registry.find(id);
    if (component.isEmpty()) {
      return ToolResults.error(
          "Failed to reset permissions for component " + id + ": Component not found: " + id);
    }
    try {
      registry.policies().reset(component.get().policyFile());
    } catch (PolicyException e) {
      return ToolResults.error(
          "Failed to reset permissions for component " + id + ": " + e.getMessage());
    }
    return ToolResults.json(
        Json.mapper()
            .createObjectNode()
            .put("status", "permissions reset")
            .put("component_id", id));
  }

  List<PermissionTool> grantsAndRevokes() {
    Map<String, Object> uri =
        BuiltinSchemas.string(
            "URI of the storage resource to grant access to. e.g. fs:///tmp/test");
    Map<String, Object> host = BuiltinSchemas.string("Host to grant network access to");
    Map<String, Object> key = BuiltinSchemas.string("Environment variable key to grant access to");
    return List.of(
        new PermissionTool(
            "grant-storage-permission",
            "Grants storage access permission to a component, allowing it to read from and/or"
                + " write to specific storage locations.",
            BuiltinSchemas.withDetails(
                "ID of the component to grant storage permission to",
                Map.of("uri", uri, "access", BuiltinSchemas.accessList()),
                "uri",
                "access"),
            args -> change(args, "grant", "storage", this::grantStorage)),
        new PermissionTool(
            "grant-network-permission",
            "Grants network access permission to a component, allowing it to make network"
                + " requests to specific hosts.",
            BuiltinSchemas.withDetails(
                "ID of the component to grant network permission to", Map.of("host", host), "host"),
            args -> change(args, "grant", "network", (p, d) -> p.withNetwork(detail(d, "host")))),
        new PermissionTool(
            "grant-environment-variable-permission",
            "Grants environment variable access permission to a component, allowing it to access"
                + " specific environment variables.",
            BuiltinSchemas.withDetails(
                "ID of the component to grant environment variable permission to",
                Map.of("key", key),
                "key"),
            args ->
                change(
                    args, "grant", "environment", (p, d) -> p.withEnvironment(detail(d, "key")))),
        new PermissionTool(
            "revoke-storage-permission",
            "Revokes storage access permission from a component, removing its ability to read"
                + " from and/or write to specific storage locations.",
            BuiltinSchemas.withDetails(
                "ID of the component to revoke storage permission from", Map.of("uri", uri), "uri"),
            args ->
                change(args, "revoke", "storage", (p, d) -> p.withoutStorage(detail(d, "uri")))),
        new PermissionTool(
            "revoke-network-permission",
            "Revokes network access permission from a component, removing its ability to make"
                + " network requests to specific hosts.",
            BuiltinSchemas.withDetails(
                "ID of the component to revoke network permission from",
                Map.of("host", host),
                "host"),
            args ->
                change(args, "revoke", "network", (p, d) -> p.withoutNetwork(detail(d, "host")))),
        new PermissionTool(
            "revoke-environment-variable-permission",
            "Revokes environment variable access permission from a component, removing its"
                + " ability to access specific environment variables.",
            BuiltinSchemas.withDetails(
                "ID of the component to revoke environment variable permission from",
                Map.of("key", key),
                "key"),
            args ->
                change(
                    args,
                    "revoke",
                    "environment",
                    (p, d) -> p.withoutEnvironment(detail(d, "key")))));
  }

  private Policy grantStorage(Policy policy, Map<String, Object> details) {
    String uri = detail(details, "uri");
    EnumSet<Access> access = EnumSet.noneOf(Access.class);
    for (Object value : Args.detailList(details, "access")) {
      access.add(Access.parse(String.valueOf(value)));
    }
    StorageGrant grant = new StorageGrant(uri, access);
    SystemDirectories.check(grant);
    return policy.withStorage(grant);
  }

  private static String detail(Map<String, Object> details, String name) {
    return Args.detail(details, name);
  }

  private CallToolResult change(
      Map<String, Object> args,
      String verb,
      String type,
      BiFunction<Policy, Map<String, Object>, Policy> edit) {
    String id = Args.string(args, "component_id");
    Map<String, Object> details = Args.details(args);
    String failure =
        "Failed to "
            + verb
            + " "
            + type
            + " permission "
            + (verb.equals("grant") ? "to" : "from")
            + " component "
            + id
            + ": ";
    var component = registry.find(id);
    if (component.isEmpty()) {
      return ToolResults.error(failure + "Component not found: " + id);
    }
    try {
      UnaryOperator<Policy> change = policy -> edit.apply(policy, details);
      registry.policies().update(component.get().policyFile(), change);
    } catch (PolicyException | IllegalArgumentException | ToolArgumentException e) {
      return ToolResults.error(failure + e.getMessage());
    }
    ObjectNode result = Json.mapper().createObjectNode();
    result.put("status", verb.equals("grant") ? "permission granted" : "permission revoked");
    result.put("component_id", id);
    result.put("permission_type", type);
    result.set("details", Json.mapper().valueToTree(details));
    return ToolResults.json(result);
  }
}
