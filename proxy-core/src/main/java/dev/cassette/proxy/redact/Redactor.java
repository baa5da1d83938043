package dev.cassette.proxy.redact;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apiguardian.api.API;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Replaces secrets with named placeholders ({@code ${secret:NAME}}) before anything reaches a tape,
 * a log or an error message; {@link #restore(JsonNode, Map)} puts them back on replay.
 *
 * <p>Immutable: each {@code with…} method returns a new redactor. Three kinds of rule apply:
 *
 * <ul>
 *   <li>known secret values ({@link #withSecret}, {@link #withEnvironment}, {@link
 *       #withInheritedEnvironment}, {@link #withCommandLine}), replaced wherever they occur inside
 *       a string, longest first;
 *   <li>sensitive fields ({@link #withField}): a string value of a JSON field or header named like
 *       {@code Authorization} becomes {@code ${secret:AUTHORIZATION}} (only the token when another
 *       rule already recognised it), and in raw text {@code password=…} (also inside the value of
 *       another key, as in {@code config: password=…}), {@code "token": "…"} or {@code
 *       Authorization: Bearer …} lose their value;
 *   <li>patterns ({@link #withPattern}) for secret shapes: group 1 when the pattern has one, else
 *       the whole match.
 * </ul>
 *
 * <p>A server's command line goes through {@link #redactCommand}, which also replaces the values of
 * sensitive options ({@code --api-key=…}, {@code --password …}) whatever their length.
 *
 * <p>Example: {@code Redactor.defaults().withEnvironment(Map.of("API_KEY", key)).redact(message)}.
 * Placeholders already in the text (secret or json-unit ones) are never redacted again.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class Redactor {

  /** Secret values shorter than this are ignored, so that {@code "a"} does not redact every a. */
  public static final int MIN_SECRET_LENGTH = 4;

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private static final Redactor NONE = new Redactor(Map.of(), List.of(), Set.of());

  private final Map<String, String> namesByValue;
  private final List<NamedPattern> patterns;
  private final Set<String> fields;
  private final FieldNames fieldNames;
  private final Pattern secretValues;
  private final Triggers triggers;

  private Redactor(
      Map<String, String> namesByValue, List<NamedPattern> patterns, Set<String> fields) {
    this.namesByValue = namesByValue;
    this.patterns = patterns;
    this.fields = fields;
    this.fieldNames = new FieldNames(fields);
    this.secretValues = secretValuesPattern(namesByValue);
    this.triggers =
        new Triggers(
            namesByValue.keySet(),
            patterns.stream().map(NamedPattern::anchors).toList(),
            fieldNames);
  }

  /** A redactor that changes nothing until rules are added. */
  public static Redactor none() {
    return NONE;
  }

  /**
   * A redactor with the built-in rules: bearer tokens, common API key shapes ({@code sk-…}, {@code
   * ghp_…}, {@code xoxb-…}, {@code AKIA…}, {@code AIza…}, JWTs), the body of PEM private keys
   * ({@code ${secret:PRIVATE_KEY}}), the password of a URL's user-info ({@code
   * https://user:${secret:URL_PASSWORD}@host}) and fields named like {@code authorization}, {@code
   * cookie}, {@code x-api-key}, {@code api_key}, {@code token}, {@code password} or {@code secret}.
   */
  public static Redactor defaults() {
    List<NamedPattern> patterns =
        DefaultRules.PATTERNS.stream()
            .map(rule -> new NamedPattern(rule.name(), rule.pattern(), rule.anchors()))
            .toList();
    return new Redactor(Map.of(), patterns, DefaultRules.FIELDS);
  }

  /**
   * Adds a known secret value. Null, blank and short values (under {@value #MIN_SECRET_LENGTH}
   * characters) are ignored; when a value is added twice, the first name is kept.
   *
   * @param name the placeholder name, for example {@code GITHUB_TOKEN}
   * @param value the secret
   * @return a redactor that also replaces {@code value} with {@code ${secret:name}}
   */
  public Redactor withSecret(String name, String value) {
    SecretPlaceholders.checkedName(name, "name");
    if (value == null || value.isBlank() || value.length() < MIN_SECRET_LENGTH) {
      return this;
    }
    if (namesByValue.containsKey(value)) {
      return this;
    }
    Map<String, String> more = new LinkedHashMap<>(namesByValue);
    more.put(value, name);
    return new Redactor(Map.copyOf(more), patterns, fields);
  }

  /**
   * Adds every value of an environment as a secret named after its variable (in variable-name
   * order, so the result does not depend on the map's iteration order).
   *
   * @param environment variable names and values, for example the server's configured environment
   * @return a redactor that replaces each value with {@code ${secret:VARIABLE}}
   */
  public Redactor withEnvironment(Map<String, String> environment) {
    Objects.requireNonNull(environment, "environment");
    Redactor redactor = this;
    for (Map.Entry<String, String> variable : new TreeMap<>(environment).entrySet()) {
      redactor = redactor.withSecret(variable.getKey(), variable.getValue());
    }
    return redactor;
  }

  /**
   * Adds the values of the variables of an inherited environment whose names say they hold a
   * secret, each named after its variable: names that contain {@code PASSWORD}, {@code PASSWD},
   * {@code PASSPHRASE}, {@code SECRET}, {@code TOKEN}, {@code APIKEY}/{@code API_KEY}, {@code
   * ACCESSKEY}/{@code ACCESS_KEY}, {@code PRIVATEKEY}/{@code PRIVATE_KEY} or {@code CREDENTIAL}, or
   * have {@code AUTH} as one of their {@code _}-separated words (ignoring case). Values shorter
   * than six characters are ignored. A server started as a child gets the recorder's whole
   * environment, not only the variables given to it.
   *
   * @param environment the environment the server inherits, usually {@code System.getenv()}
   * @return a redactor that replaces each such value with {@code ${secret:VARIABLE}}
   */
  public Redactor withInheritedEnvironment(Map<String, String> environment) {
    Objects.requireNonNull(environment, "environment");
    Redactor redactor = this;
    for (Map.Entry<String, String> variable : new TreeMap<>(environment).entrySet()) {
      if (SensitiveVariables.isSecret(variable.getKey(), variable.getValue())) {
        redactor = redactor.withSecret(variable.getKey(), variable.getValue());
      }
    }
    return redactor;
  }

  /**
   * Adds the values of a server command line's sensitive options as secrets named after the option:
   * {@code --api-key=VALUE} and {@code --password VALUE} give {@code API_KEY} and {@code PASSWORD};
   * see {@link #redactCommand} for which options count.
   *
   * @param command the server's program and arguments
   * @return a redactor that also replaces those values wherever they occur
   */
  public Redactor withCommandLine(List<String> command) {
    Objects.requireNonNull(command, "command");
    Redactor redactor = this;
    for (CommandLineSecrets.Value value : CommandLineSecrets.find(command)) {
      redactor = redactor.withSecret(value.name(), value.value());
    }
    return redactor;
  }

  /**
   * Redacts a command line: the value of each sensitive option becomes a placeholder whatever its
   * length, named after the secret it is known as or else after the option ({@code
   * --api-key=${secret:API_KEY}}, {@code --password ${secret:PASSWORD}}); every other argument is
   * {@link #redact(String) redacted} as text. An option is sensitive when its name, in lower case
   * without {@code -}, {@code _} and {@code .}, ends with {@code password}, {@code passwd}, {@code
   * passphrase}, {@code secret}, {@code secretkey}, {@code token}, {@code apikey}, {@code
   * accesskey}, {@code privatekey}, {@code credential(s)} or {@code auth}, and it does not start
   * with {@code no-}; its value is after {@code =} or, when that does not start with {@code -}, the
   * next argument.
   *
   * @param command the program and its arguments
   * @return the redacted arguments, in order
   */
  public List<String> redactCommand(List<String> command) {
    Objects.requireNonNull(command, "command");
    String[] redacted = new String[command.size()];
    for (CommandLineSecrets.Value value : CommandLineSecrets.find(command)) {
      String name = namesByValue.getOrDefault(value.value(), value.name());
      redacted[value.index()] =
          command.get(value.index()).substring(0, value.start()) + SecretPlaceholders.of(name);
    }
    List<String> result = new ArrayList<>(command.size());
    for (int i = 0; i < redacted.length; i++) {
      result.add(redacted[i] != null ? redacted[i] : redact(command.get(i)));
    }
    return List.copyOf(result);
  }

  /**
   * Adds a pattern for secrets of a known shape.
   *
   * @param name the placeholder name
   * @param pattern the shape; group 1, when present and matched, is the secret, else the match
   * @return a redactor that also replaces what {@code pattern} finds with {@code ${secret:name}}
   */
  public Redactor withPattern(String name, Pattern pattern) {
    SecretPlaceholders.checkedName(name, "name");
    Objects.requireNonNull(pattern, "pattern");
    List<NamedPattern> more = new ArrayList<>(patterns);
    more.add(new NamedPattern(name, pattern, null));
    return new Redactor(namesByValue, List.copyOf(more), fields);
  }

  /**
   * Adds a sensitive field or header name (compared ignoring case, {@code -} and {@code _}).
   *
   * @param fieldName for example {@code X-Session-Key}
   * @return a redactor that also replaces string values of that field
   */
  public Redactor withField(String fieldName) {
    if (fieldName == null || fieldName.isBlank()) {
      throw new IllegalArgumentException(
          "fieldName must not be blank but was \"" + fieldName + "\"");
    }
    Set<String> more = new java.util.HashSet<>(fields);
    more.add(FieldNames.normalized(fieldName));
    return new Redactor(namesByValue, patterns, Set.copyOf(more));
  }

  /**
   * Redacts a JSON value, copying only what changes.
   *
   * @param node any JSON value, for example a recorded message; not modified
   * @return {@code node} itself when nothing in it is a secret; otherwise a new value with the same
   *     keys in the same order and only string values changed, in which the objects and arrays on
   *     the way to a changed string are copies and everything else is shared with {@code node} (so
   *     modify neither afterwards)
   */
  public JsonNode redact(JsonNode node) {
    Objects.requireNonNull(node, "node");
    return redactNode(node, null);
  }

  /**
   * Redacts raw text: a log line, a server's stderr, an error message.
   *
   * @param text the text
   * @return the text with every secret replaced by its placeholder ({@code text} itself when it
   *     holds none)
   */
  public String redact(String text) {
    Objects.requireNonNull(text, "text");
    long triggered = triggers.scan(text);
    return triggered == 0 ? text : apply(text, triggered);
  }

  /**
   * Whether {@link #redact(String)} could change {@code text}: {@code false} means it certainly
   * returns {@code text} as is. Cheap (one pass, no regular expression), for callers that check the
   * strings of a message as they stream by before deciding to redact the message as a tree.
   *
   * @param text a string value of a message
   */
  public boolean mayChange(String text) {
    Objects.requireNonNull(text, "text");
    return triggers.scan(text) != 0;
  }

  /**
   * Whether the string values of a JSON field named {@code fieldName} are secrets as a whole (see
   * {@link #withField}); {@link #redact(JsonNode)} replaces them.
   *
   * @param fieldName a field name of a message
   */
  public boolean isSensitiveField(String fieldName) {
    Objects.requireNonNull(fieldName, "fieldName");
    return fieldNames.contains(fieldName);
  }

  /** Runs every rule on {@code text}, whatever {@link Triggers} says; for tests. */
  String redactByEveryRule(String text) {
    return apply(text, -1L);
  }

  private String apply(String text, long triggered) {
    String result = text;
    if ((triggered & Triggers.SECRETS) != 0) {
      result = replaceSecretValues(result);
    }
    if ((triggered & Triggers.ASSIGNMENT) != 0) {
      result =
          SecretPlaceholders.outsidePlaceholders(
              result, plain -> Assignments.replace(plain, fieldNames));
    }
    for (int i = 0; i < patterns.size(); i++) {
      if ((triggered & Triggers.patternBit(i)) != 0) {
        result = SecretPlaceholders.outsidePlaceholders(result, patterns.get(i)::replaceIn);
      }
    }
    return result.equals(text) ? text : result;
  }

  /**
   * Puts secrets back: replaces each {@code ${secret:NAME}} in string values with {@code
   * environment.get(NAME)}; placeholders the environment does not hold are left as they are.
   *
   * @param node a redacted JSON value, for example a client message from a tape
   * @param environment secret names and values, usually the process environment
   * @return a deep copy with the secrets restored
   */
  public static JsonNode restore(JsonNode node, Map<String, String> environment) {
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(environment, "environment");
    if (node instanceof ObjectNode object) {
      ObjectNode copy = NODES.objectNode();
      object.properties().forEach(e -> copy.set(e.getKey(), restore(e.getValue(), environment)));
      return copy;
    }
    if (node instanceof ArrayNode array) {
      ArrayNode copy = NODES.arrayNode(array.size());
      array.forEach(element -> copy.add(restore(element, environment)));
      return copy;
    }
    if (node.isString()) {
      return NODES.stringNode(SecretPlaceholders.restore(node.asString(), environment));
    }
    return node;
  }

  /**
   * Puts secrets back into text, as {@link #restore(JsonNode, Map)} does for JSON.
   *
   * @param text text with placeholders
   * @param environment secret names and values
   * @return the text with every known placeholder replaced by its value
   */
  public static String restore(String text, Map<String, String> environment) {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(environment, "environment");
    return SecretPlaceholders.restore(text, environment);
  }

  private JsonNode redactNode(JsonNode node, String sensitiveField) {
    if (node instanceof ObjectNode object) {
      return redactObject(object);
    }
    if (node instanceof ArrayNode array) {
      return redactArray(array, sensitiveField);
    }
    if (node.isString()) {
      String value = node.asString();
      String redacted = sensitiveField == null ? redact(value) : redactField(sensitiveField, value);
      return redacted.equals(value) ? node : NODES.stringNode(redacted);
    }
    return node;
  }

  /** The object itself when no value changed, else a shallow copy with the changed values. */
  private JsonNode redactObject(ObjectNode object) {
    ObjectNode copy = null;
    for (Map.Entry<String, JsonNode> entry : object.properties()) {
      String key = entry.getKey();
      JsonNode value = entry.getValue();
      JsonNode redacted = redactNode(value, fieldNames.contains(key) ? key : null);
      if (redacted != value) {
        if (copy == null) {
          copy = NODES.objectNode();
          copy.setAll(object);
        }
        copy.set(key, redacted);
      }
    }
    return copy == null ? object : copy;
  }

  /** The array itself when no element changed, else a shallow copy with the changed elements. */
  private JsonNode redactArray(ArrayNode array, String sensitiveField) {
    ArrayNode copy = null;
    for (int i = 0; i < array.size(); i++) {
      JsonNode element = array.get(i);
      JsonNode redacted = redactNode(element, sensitiveField);
      if (redacted != element) {
        if (copy == null) {
          copy = NODES.arrayNode(array.size());
          copy.addAll(array);
        }
        copy.set(i, redacted);
      }
    }
    return copy == null ? array : copy;
  }

  private String redactField(String field, String value) {
    if (value.isBlank() || SecretPlaceholders.isPlaceholder(value)) {
      return value;
    }
    String redacted = redact(value);
    return redacted.equals(value)
        ? SecretPlaceholders.of(SecretPlaceholders.nameOfField(field))
        : redacted;
  }

  private String replaceSecretValues(String text) {
    if (secretValues == null) {
      return text;
    }
    Matcher matcher = secretValues.matcher(text);
    return matcher.replaceAll(
        match -> Matcher.quoteReplacement(SecretPlaceholders.of(namesByValue.get(match.group()))));
  }

  private static Pattern secretValuesPattern(Map<String, String> namesByValue) {
    if (namesByValue.isEmpty()) {
      return null;
    }
    return Pattern.compile(
        namesByValue.keySet().stream()
            .sorted(Comparator.comparingInt(String::length).reversed().thenComparing(v -> v))
            .map(Pattern::quote)
            .collect(Collectors.joining("|")));
  }
}
