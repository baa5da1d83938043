package dev.cassette.host.tools;

import static dev.cassette.host.tools.BuiltinSchemas.property;

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
 * The built-in tools that read and change component policies, on disk, as Wassette does, with its
 * result shapes and error texts. Grant values are checked before anything is written (length,
 * characters, host syntax, refused system directories), so a refused grant leaves the policy file
 * as it was and answers with a tool error naming the argument.
 */
final class PermissionTools {
  /** One grant or revoke tool. */
  record PermissionTool(
      String name,
      String description,
      Map<String, Object> schema,
      Function<Map<String, Object>, CallToolResult> handler) {}

  /** A kind of permission: its words in Wassette's texts and the detail field it needs. */
  private enum Kind {
    STORAGE("storage", "storage", "uri", "Storage URI"),
    NETWORK("network", "network", "host", "Network host"),
    ENVIRONMENT("environment variable", "environment", "key", "Environment variable key");

    final String type;
    final String shortType;
    final String field;
    final String label;

    Kind(String type, String shortType, String field, String label) {
      this.type = type;
      this.shortType = shortType;
      this.field = field;
      this.label = label;
    }

    /** The detail {@link #field}, with Wassette's errors when it is missing or empty. */
    String value(Map<String, Object> details) {
      if (!(details.get(field) instanceof String text)) {
        throw new ToolArgumentException(
            "Missing '" + field + "' field for " + shortType + " permission");
      }
      if (text.isBlank()) {
        throw new ToolArgumentException(label + " cannot be empty");
      }
      return text;
    }
  }

  private final ComponentRegistry registry;

  PermissionTools(ComponentRegistry registry) {
    this.registry = registry;
  }

  CallToolResult getPolicy(Map<String, Object> args) {
    String id = Args.string(args, "component_id");
    var component = registry.find(id);
    if (component.isEmpty()) {
      return componentNotFound(id);
    }
    String text;
    try {
      text = registry.policies().readText(component.get().policyFile());
    } catch (PolicyException e) {
      return ToolResults.error(e.getMessage());
    }
    ObjectNode result = Json.mapper().createObjectNode();
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
      return componentNotFound(id);
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
            .put("status", "permissions reset successfully")
            .put("component_id", id));
  }

  List<PermissionTool> grantsAndRevokes() {
    return List.of(
        new PermissionTool(
            "grant-storage-permission",
            "Grants storage access permission to a component, allowing it to read from and/or"
                + " write to specific storage locations.",
            BuiltinSchemas.withDetails(
                "ID of the component to grant storage permission to",
                List.of(
                    property(
                        "uri",
                        BuiltinSchemas.string(
                            "URI of the storage resource to grant access to. e.g."
                                + " fs:///tmp/test")),
                    property("access", BuiltinSchemas.accessList())),
                "uri",
                "access"),
            args -> grant(args, Kind.STORAGE, this::grantStorage)),
        new PermissionTool(
            "grant-network-permission",
            "Grants network access permission to a component, allowing it to make network"
                + " requests to specific hosts.",
            BuiltinSchemas.withDetails(
                "ID of the component to grant network permission to",
                List.of(property("host", BuiltinSchemas.string("Host to grant network access to"))),
                "host"),
            args -> grant(args, Kind.NETWORK, (p, d) -> p.withNetwork(Kind.NETWORK.value(d)))),
        new PermissionTool(
            "grant-environment-variable-permission",
            "Grants environment variable access permission to a component, allowing it to access"
                + " specific environment variables.",
            BuiltinSchemas.withDetails(
                "ID of the component to grant environment variable permission to",
                List.of(
                    property(
                        "key",
                        BuiltinSchemas.string("Environment variable key to grant access to"))),
                "key"),
            args ->
                grant(
                    args,
                    Kind.ENVIRONMENT,
                    (p, d) -> p.withEnvironment(Kind.ENVIRONMENT.value(d)))),
        new PermissionTool(
            "revoke-storage-permission",
            "Revokes all storage access permissions from a component for the specified URI path,"
                + " removing both read and write access to that location.",
            BuiltinSchemas.withDetails(
                "ID of the component to revoke storage permission from",
                List.of(
                    property(
                        "uri",
                        BuiltinSchemas.string(
                            "URI of the storage resource to revoke all access from. e.g."
                                + " fs:///tmp/test"))),
                "uri"),
            this::revokeStorage),
        new PermissionTool(
            "revoke-network-permission",
            "Revokes network access permission from a component, removing its ability to make"
                + " network requests to specific hosts.",
            BuiltinSchemas.withDetails(
                "ID of the component to revoke network permission from",
                List.of(
                    property("host", BuiltinSchemas.string("Host to revoke network access from"))),
                "host"),
            args -> revoke(args, Kind.NETWORK, (p, d) -> p.withoutNetwork(Kind.NETWORK.value(d)))),
        new PermissionTool(
            "revoke-environment-variable-permission",
            "Revokes environment variable access permission from a component, removing its"
                + " ability to access specific environment variables.",
            BuiltinSchemas.withDetails(
                "ID of the component to revoke environment variable permission from",
                List.of(
                    property(
                        "key",
                        BuiltinSchemas.string("Environment variable key to revoke access from"))),
                "key"),
            args ->
                revoke(
                    args,
                    Kind.ENVIRONMENT,
                    (p, d) -> p.withoutEnvironment(Kind.ENVIRONMENT.value(d)))));
  }

  private Policy grantStorage(Policy policy, Map<String, Object> details) {
    String uri = Kind.STORAGE.value(details);
    if (!(details.get("access") instanceof List<?> values)) {
      throw new ToolArgumentException(
          details.containsKey("access")
              ? "'access' field must be an array"
              : "Missing 'access' field for storage permission");
    }
    if (values.isEmpty()) {
      throw new ToolArgumentException("Storage access cannot be empty");
    }
    EnumSet<Access> access = EnumSet.noneOf(Access.class);
    for (Object value : values) {
      access.add(accessType(value));
    }
    StorageGrant grant = new StorageGrant(uri, access);
    SystemDirectories.check(grant);
    return policy.withStorage(grant);
  }

  private static Access accessType(Object value) {
    String text = String.valueOf(value);
    try {
      return Access.parse(text);
    } catch (IllegalArgumentException e) {
      throw new ToolArgumentException("Invalid access type: " + text);
    }
  }

  private CallToolResult grant(
      Map<String, Object> args, Kind kind, BiFunction<Policy, Map<String, Object>, Policy> edit) {
    return change(args, "grant", kind, edit, "permission granted successfully");
  }

  private CallToolResult revoke(
      Map<String, Object> args, Kind kind, BiFunction<Policy, Map<String, Object>, Policy> edit) {
    return change(args, "revoke", kind, edit, "permission revoked");
  }

  /**
   * {@code revoke-storage-permission}: Wassette checks its {@code uri} before the component and
   * answers in a shape of its own.
   */
  private CallToolResult revokeStorage(Map<String, Object> args) {
    String id = Args.string(args, "component_id");
    Map<String, Object> details = Args.details(args);
    if (!(details.get("uri") instanceof String uri)) {
      return ToolResults.error("Missing 'uri' field in details");
    }
    var component = registry.find(id);
    if (component.isEmpty()) {
      return componentNotFound(id);
    }
    try {
      registry.policies().update(component.get().policyFile(), p -> p.withoutStorage(uri));
    } catch (PolicyException | IllegalArgumentException e) {
      return ToolResults.error(failure("revoke", Kind.STORAGE, id) + e.getMessage());
    }
    return ToolResults.json(
        Json.mapper()
            .createObjectNode()
            .put("status", "permission revoked successfully")
            .put("component_id", id)
            .put("uri", uri)
            .put("message", "All access (read and write) to the specified URI has been revoked"));
  }

  private CallToolResult change(
      Map<String, Object> args,
      String verb,
      Kind kind,
      BiFunction<Policy, Map<String, Object>, Policy> edit,
      String status) {
    String id = Args.string(args, "component_id");
    Map<String, Object> details = Args.details(args);
    var component = registry.find(id);
    if (component.isEmpty()) {
      return componentNotFound(id);
    }
    try {
      UnaryOperator<Policy> change = policy -> edit.apply(policy, details);
      registry.policies().update(component.get().policyFile(), change);
    } catch (PolicyException | IllegalArgumentException | ToolArgumentException e) {
      return ToolResults.error(failure(verb, kind, id) + e.getMessage());
    }
    ObjectNode result = Json.mapper().createObjectNode();
    result.put("status", status);
    result.put("component_id", id);
    result.put("permission_type", kind.type);
    result.set("details", Json.mapper().valueToTree(details));
    return ToolResults.json(result);
  }

  private static String failure(String verb, Kind kind, String id) {
    return "Failed to "
        + verb
        + " "
        + kind.type
        + " permission "
        + (verb.equals("grant") ? "to" : "from")
        + " component "
        + id
        + ": ";
  }

  /** Wassette's answer for a component id that is not loaded (its error chain, twice). */
  private static CallToolResult componentNotFound(String id) {
    return ToolResults.error("Component not found: " + id + ": Component not found: " + id);
  }
}
