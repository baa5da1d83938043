package dev.cassette.engine.replay;

import dev.cassette.engine.Constants;
import dev.cassette.proxy.tape.Component;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The components a tape recorded with a local source, as files now: their bytes are checked against
 * the tape's sha256 before the tape replays, so a rebuilt component fails before any exchange
 * unless {@value Constants#COMPONENTS_ACCEPT_REBUILT_PROPERTY_NAME} accepts it.
 */
final class RecordedComponents {

  private final List<Component> components;
  private final Path base;

  /**
   * @param components the tape's components
   * @param base where relative sources are resolved: the server's working directory
   */
  RecordedComponents(List<Component> components, Path base) {
    this.components = List.copyOf(components);
    this.base = base;
  }

  /** The tape's components. */
  List<Component> list() {
    return components;
  }

  /** The base of a server: its working directory, or the current one. */
  static Path baseOf(ChosenServer server) {
    String directory = server.spec().workingDirectory();
    return (directory == null ? Path.of("") : Path.of(directory)).toAbsolutePath();
  }

  /** The file of a local source ({@code file:} URI or path), empty for a remote one. */
  Optional<Path> file(Component component) {
    return Component.localFile(component.source(), base);
  }

  /**
   * What differs from the tape, one line per component: a missing file, or bytes whose sha256 is
   * not the recorded one ({@code rebuilt}); empty when every local component is as recorded.
   *
   * @param countRebuilt whether changed bytes count (not when they are accepted)
   */
  List<String> differences(boolean countRebuilt) throws IOException {
    List<String> differences = new ArrayList<>();
    for (Component component : components) {
      Optional<Path> file = file(component);
      if (file.isEmpty()) {
        continue;
      }
      if (!Files.isRegularFile(file.get())) {
        differences.add(
            "component "
                + component.id()
                + ": "
                + component.source()
                + " does not exist (the tape recorded sha256 "
                + component.sha256()
                + ")");
        continue;
      }
      String now = sha256(file.get());
      if (countRebuilt && !now.equals(component.sha256())) {
        differences.add(rebuilt(component, now));
      }
    }
    return differences;
  }

  /** The components whose bytes differ from the tape's, in words, for a report entry. */
  List<String> rebuilt() throws IOException {
    List<String> rebuilt = new ArrayList<>();
    for (Component component : components) {
      Optional<Path> file = file(component).filter(Files::isRegularFile);
      if (file.isPresent() && !sha256(file.get()).equals(component.sha256())) {
        rebuilt.add(component.id() + " (" + component.source() + ")");
      }
    }
    return rebuilt;
  }

  /**
   * The components as they are now, for a re-recorded tape: the sha256 of each local file and the
   * text of its co-located {@code <id>.policy.yaml}; the tools and remote ones as recorded.
   */
  List<Component> current() {
    List<Component> current = new ArrayList<>(components.size());
    for (Component component : components) {
      Optional<Path> file = file(component).filter(Files::isRegularFile);
      if (file.isEmpty()) {
        current.add(component);
        continue;
      }
      try {
        current.add(
            new Component(
                component.id(),
                component.source(),
                sha256(file.get()),
                component.tools(),
                policyBeside(file.get(), component.id()).orElse(null),
                component.extensions()));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return current;
  }

  static Optional<String> policyBeside(Path file, String id) throws IOException {
    Path policy = file.resolveSibling(id + ".policy.yaml");
    return Files.isRegularFile(policy)
        ? Optional.of(Files.readString(policy, StandardCharsets.UTF_8))
        : Optional.empty();
  }

  private static String rebuilt(Component component, String now) {
    return "component "
        + component.id()
        + ": "
        + component.source()
        + " has sha256 "
        + now
        + " but the tape recorded "
        + component.sha256()
        + " (rebuilt? re-record with --record all, or accept with -D"
        + Constants.COMPONENTS_ACCEPT_REBUILT_PROPERTY_NAME
        + "=true)";
  }

  static String sha256(Path file) throws IOException {
    return Component.sha256Of(file);
  }
}
