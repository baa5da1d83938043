package dev.cassette.proxy.record;

import dev.cassette.proxy.jsonrpc.JsonRpcMessage;
import dev.cassette.proxy.jsonrpc.JsonRpcMessage.Request;
import dev.cassette.proxy.tape.Component;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;

/**
 * Describes the components of a session: those Wassette's {@code load-component} calls name by a
 * local path, and those in the server's component folder at start; each by its id (file name
 * without {@code .wasm}), sha256 and co-located {@code <id>.policy.yaml}.
 */
final class ComponentProbe {

  static final String LOAD_COMPONENT = "load-component";

  /** Wassette's option naming its component folder. */
  static final String COMPONENT_DIR_OPTION = "--component-dir";

  private final Path base;

  /** Resolves relative paths against {@code base} (the server's working directory). */
  ComponentProbe(Path base) {
    this.base = base;
  }

  /** The component a client message loads, if it is a local {@code load-component} call. */
  Optional<Component> inspect(JsonRpcMessage message) throws IOException {
    if (!(message instanceof Request request) || !"tools/call".equals(request.method())) {
      return Optional.empty();
    }
    JsonNode params = request.params();
    if (params == null || !LOAD_COMPONENT.equals(params.path("name").asString(""))) {
      return Optional.empty();
    }
    JsonNode path = params.path("arguments").get("path");
    if (path == null || !path.isString()) {
      return Optional.empty();
    }
    Optional<Path> file = localFile(path.asString());
    if (file.isEmpty() || !Files.isRegularFile(file.get())) {
      return Optional.empty();
    }
    return Optional.of(describe(path.asString(), file.get()));
  }

  /**
   * The components a server finds in its component folder at start: {@code componentDir/*.wasm}
   * (resolved against the working directory), by file name; none when the folder does not exist.
   * Each source is {@code componentDir} joined with the file name, as given.
   */
  List<Component> preloaded(String componentDir) throws IOException {
    Path folder = base.resolve(componentDir);
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    List<Path> files;
    try (Stream<Path> listing = Files.list(folder)) {
      files =
          listing
              .filter(file -> file.getFileName().toString().endsWith(".wasm"))
              .filter(Files::isRegularFile)
              .sorted()
              .toList();
    }
    List<Component> components = new ArrayList<>(files.size());
    for (Path file : files) {
      components.add(describe(Path.of(componentDir).resolve(file.getFileName()).toString(), file));
    }
    return components;
  }

  /**
   * The component folder a server command names with {@code --component-dir DIR} or {@code
   * --component-dir=DIR} (as {@code wassette run} does), if it names one.
   */
  static Optional<String> componentDirIn(List<String> command) {
    for (int i = 0; i < command.size(); i++) {
      String word = command.get(i);
      if (word.equals(COMPONENT_DIR_OPTION) && i + 1 < command.size()) {
        return Optional.of(command.get(i + 1));
      }
      if (word.startsWith(COMPONENT_DIR_OPTION + "=")) {
        return Optional.of(word.substring(COMPONENT_DIR_OPTION.length() + 1));
      }
    }
    return Optional.empty();
  }

  private Optional<Path> localFile(String source) {
    return Component.localFile(source, base);
  }

  private static Component describe(String source, Path file) throws IOException {
    String fileName = file.getFileName().toString();
    String id =
        fileName.endsWith(".wasm") ? fileName.substring(0, fileName.length() - 5) : fileName;
    Path policyFile = file.resolveSibling(id + ".policy.yaml");
    String policy =
        Files.isRegularFile(policyFile)
            ? Files.readString(policyFile, StandardCharsets.UTF_8)
            : null;
    return new Component(id, source, sha256(file), policy, null);
  }

  static String sha256(Path file) throws IOException {
    return Component.sha256Of(file);
  }
}
