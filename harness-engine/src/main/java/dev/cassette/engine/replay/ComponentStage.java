package dev.cassette.engine.replay;

import dev.cassette.proxy.tape.Component;
import dev.cassette.proxy.tape.ServerSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A fresh folder for a Wassette-like server whose tape names a {@code componentDir}: it holds
 * exactly the recorded components of that folder ({@code <id>.wasm}) and their recorded policies
 * ({@code <id>.policy.yaml}), and empty {@code HOME} and XDG folders, so neither the user's own
 * state nor an earlier session's grants reach the server. The server's command gets the staged
 * folder in place of {@code componentDir}; {@link #close} removes it all.
 */
final class ComponentStage implements AutoCloseable {

  /** The variables pointed at the stage's empty folders. */
  static final List<String> HOME_VARIABLES =
      List.of("HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME");

  private final Path root;
  private final ChosenServer server;

  private ComponentStage(Path root, ChosenServer server) {
    this.root = root;
    this.server = server;
  }

  /**
   * Stages the components of {@code server}'s {@code componentDir}.
   *
   * @param components the tape's components; those whose file lies in {@code componentDir} are
   *     staged with the bytes found there now (checked against the tape before) and the tape's
   *     policy
   * @param currentPolicies whether to stage the policy file beside each component instead of the
   *     tape's (when re-recording every tape)
   */
  static ComponentStage create(
      ChosenServer server, RecordedComponents components, boolean currentPolicies)
      throws IOException {
    ServerSpec spec = server.spec();
    Path base = RecordedComponents.baseOf(server);
    Path folder = base.resolve(spec.componentDir()).normalize();
    Path root = Files.createTempDirectory("cassette-components-");
    try {
      Path staged = Files.createDirectory(root.resolve("components"));
      for (Component component : components.list()) {
        Optional<Path> file = components.file(component).map(Path::normalize);
        if (file.isEmpty() || !folder.equals(file.get().getParent())) {
          continue;
        }
        Files.copy(
            file.get(),
            staged.resolve(component.id() + ".wasm"),
            StandardCopyOption.REPLACE_EXISTING);
        Optional<String> policy =
            currentPolicies
                ? RecordedComponents.policyBeside(file.get(), component.id())
                : Optional.ofNullable(component.policy());
        if (policy.isPresent()) {
          Files.writeString(
              staged.resolve(component.id() + ".policy.yaml"),
              policy.get(),
              StandardCharsets.UTF_8);
        }
      }
      Map<String, String> environment = new LinkedHashMap<>(server.environment());
      for (String variable : HOME_VARIABLES) {
        Path home =
            Files.createDirectory(root.resolve(variable.toLowerCase(java.util.Locale.ROOT)));
        environment.put(variable, home.toString());
      }
      ServerSpec rewritten =
          spec.withCommand(replaced(spec.command(), spec.componentDir(), staged.toString()))
              .withComponentDir(staged.toString());
      return new ComponentStage(root, new ChosenServer(rewritten, environment, server.origin()));
    } catch (IOException | RuntimeException e) {
      delete(root);
      throw e;
    }
  }

  /** The server to start: its command names the staged folder, its HOME and XDG folders empty. */
  ChosenServer server() {
    return server;
  }

  /** The command with each {@code folder} word (or {@code --opt=folder} value) replaced. */
  static List<String> replaced(List<String> command, String folder, String staged) {
    List<String> words = new ArrayList<>(command.size());
    for (String word : command) {
      if (word.equals(folder)) {
        words.add(staged);
      } else if (word.startsWith("--") && word.endsWith("=" + folder)) {
        words.add(word.substring(0, word.length() - folder.length()) + staged);
      } else {
        words.add(word);
      }
    }
    return words;
  }

  @Override
  public void close() {
    delete(root);
  }

  private static void delete(Path root) {
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      // A folder left in the temporary directory is harmless; the next run makes a new one.
    }
  }
}
