package dev.cassette.host.policy;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.events.CollectionEndEvent;
import org.snakeyaml.engine.v2.events.CollectionStartEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/** Reads and writes Wassette's {@code policy.yaml} format with snakeyaml-engine. */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class PolicyYaml {
  /** The deepest nesting of mappings and sequences accepted in a policy document. */
  public static final int MAX_DEPTH = 64;

  private PolicyYaml() {}

  /**
   * Parses a policy document.
   *
   * @param text the YAML text
   * @param source the file name, for error messages
   * @throws PolicyException naming {@code source} and what is wrong
   */
  public static Policy parse(String text, String source) throws PolicyException {
    LoadSettings settings =
        LoadSettings.builder()
            .setLabel(source)
            .setCodePointLimit(PolicyStore.MAX_POLICY_BYTES)
            .build();
    Object root;
    try {
      checkDepth(settings, text, source);
      root = new Load(settings).loadFromString(text);
    } catch (YamlEngineException e) {
      throw new PolicyException("invalid YAML in " + source + ": " + e.getMessage(), e);
    }
    if (root == null) {
      return Policy.denyAll();
    }
    try {
      Map<?, ?> document = map(root, "the document");
      Map<?, ?> permissions = optionalMap(document.get("permissions"), "permissions");
      Map<?, ?> limits =
          optionalMap(
              optionalMap(document.get("resources"), "resources").get("limits"),
              "resources.limits");
      return new Policy(
          document.get("version") == null ? Policy.CURRENT_VERSION : text(document.get("version")),
          document.get("description") == null ? null : text(document.get("description")),
          storage(allow(permissions, "storage")),
          network(allow(permissions, "network")),
          environment(allow(permissions, "environment")),
          limits.get("memory") == null ? null : text(limits.get("memory")));
    } catch (IllegalArgumentException | ClassCastException e) {
      throw new PolicyException("invalid policy in " + source + ": " + e.getMessage(), e);
    }
  }

  /**
   * Walks the event stream (the parser keeps its state on a heap stack) before the recursive
   * composer sees the document, so deep nesting is an error instead of a StackOverflowError.
   */
  private static void checkDepth(LoadSettings settings, String text, String source)
      throws PolicyException {
    int depth = 0;
    for (Event event : new Parse(settings).parseString(text)) {
      if (event instanceof CollectionStartEvent) {
        depth++;
        if (depth > MAX_DEPTH) {
          String where =
              event
                  .getStartMark()
                  .map(m -> " (line " + (m.getLine() + 1) + ", column " + (m.getColumn() + 1) + ")")
                  .orElse("");
          throw new PolicyException(
              "invalid policy in "
                  + source
                  + ": mappings and sequences are nested deeper than "
                  + MAX_DEPTH
                  + " levels"
                  + where);
        }
      } else if (event instanceof CollectionEndEvent) {
        depth--;
      }
    }
  }

  /** Renders a policy as YAML in Wassette's layout (empty sections are left out). */
  public static String render(Policy policy) {
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("version", policy.version());
    if (policy.description() != null) {
      document.put("description", policy.description());
    }
    Map<String, Object> permissions = new LinkedHashMap<>();
    if (!policy.storage().isEmpty()) {
      List<Object> entries = new ArrayList<>();
      for (StorageGrant grant : policy.storage()) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("uri", grant.uri());
        entry.put("access", grant.access().stream().map(Access::yamlName).toList());
        entries.add(entry);
      }
      permissions.put("storage", Map.of("allow", entries));
    }
    if (!policy.network().isEmpty()) {
      permissions.put(
          "network",
          Map.of("allow", policy.network().stream().map(g -> Map.of("host", g.host())).toList()));
    }
    if (!policy.environment().isEmpty()) {
      permissions.put(
          "environment",
          Map.of("allow", policy.environment().stream().map(k -> Map.of("key", k)).toList()));
    }
    document.put("permissions", permissions);
    if (policy.memory() != null) {
      document.put("resources", Map.of("limits", Map.of("memory", policy.memory())));
    }
    DumpSettings settings = DumpSettings.builder().setDefaultFlowStyle(FlowStyle.BLOCK).build();
    return new Dump(settings).dumpToString(document);
  }

  private static List<?> allow(Map<?, ?> permissions, String kind) {
    Map<?, ?> section = optionalMap(permissions.get(kind), "permissions." + kind);
    Object allow = section.get("allow");
    if (allow == null) {
      return List.of();
    }
    if (!(allow instanceof List<?> list)) {
      throw new IllegalArgumentException("permissions." + kind + ".allow must be a list");
    }
    return list;
  }

  private static List<StorageGrant> storage(List<?> entries) {
    List<StorageGrant> grants = new ArrayList<>();
    for (Object raw : entries) {
      Map<?, ?> entry = map(raw, "a permissions.storage.allow entry");
      Object access = entry.get("access");
      if (!(access instanceof List<?> list)) {
        throw new IllegalArgumentException(
            "permissions.storage.allow entry "
                + describe(entry.get("uri"))
                + " needs an access list");
      }
      EnumSet<Access> set = EnumSet.noneOf(Access.class);
      list.forEach(value -> set.add(Access.parse(text(value))));
      grants.add(new StorageGrant(text(entry.get("uri")), set));
    }
    return grants;
  }

  private static List<NetworkGrant> network(List<?> entries) {
    List<NetworkGrant> grants = new ArrayList<>();
    for (Object raw : entries) {
      grants.add(new NetworkGrant(text(map(raw, "a network entry").get("host"))));
    }
    return grants;
  }

  private static List<String> environment(List<?> entries) {
    List<String> keys = new ArrayList<>();
    for (Object raw : entries) {
      keys.add(text(map(raw, "an environment entry").get("key")));
    }
    return keys;
  }

  private static Map<?, ?> map(Object value, String what) {
    if (value instanceof Map<?, ?> map) {
      return map;
    }
    throw new IllegalArgumentException(what + " must be a mapping, got " + describe(value));
  }

  private static Map<?, ?> optionalMap(Object value, String what) {
    return value == null ? Map.of() : map(value, what);
  }

  private static String text(Object value) {
    if (value == null) {
      throw new IllegalArgumentException("a required value is missing");
    }
    if (value instanceof Map || value instanceof List) {
      throw new IllegalArgumentException("expected a scalar, got " + describe(value));
    }
    return String.valueOf(value);
  }

  /** A short description of a parsed value that never prints nested (or cyclic) collections. */
  private static String describe(Object value) {
    if (value instanceof Map) {
      return "a mapping";
    }
    if (value instanceof List) {
      return "a sequence";
    }
    return value == null ? "nothing" : GrantValues.quote(String.valueOf(value));
  }
}
