package dev.cassette.engine.config;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import org.apiguardian.api.API;

/**
 * The commands a tape's own server block may start on CI ({@code
 * cassette.server.allowedCommands}): command prefixes, one list of words per entry.
 *
 * <p>A command is allowed when some entry's words are its first words: each entry word equals the
 * command's word in the same position, or, when the entry word holds {@code *}, {@code ?}, {@code
 * [} or {@code {}, matches it as a {@code java.nio} glob ({@code *} and {@code ?} stay within one
 * {@code /}-separated name, {@code **} crosses names). Words are compared as written, never
 * resolved: {@code node} allows {@code node server.js} but not {@code ./node} or {@code
 * /usr/bin/node}. A command word with a {@code ..} name never matches a glob.
 *
 * @param entries the allowed command prefixes, each a non-empty list of words
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public record AllowedCommands(List<List<String>> entries) {

  /** Allows nothing. */
  public static final AllowedCommands NONE = new AllowedCommands(List.of());

  /** Copies the entries and leaves out empty ones. */
  public AllowedCommands {
    entries = entries.stream().filter(words -> !words.isEmpty()).map(List::copyOf).toList();
  }

  /** Whether {@code command} (its words) starts with one of the entries. */
  public boolean allows(List<String> command) {
    return entries.stream().anyMatch(entry -> isPrefix(entry, command));
  }

  private static boolean isPrefix(List<String> entry, List<String> command) {
    if (entry.size() > command.size()) {
      return false;
    }
    for (int i = 0; i < entry.size(); i++) {
      if (!matches(entry.get(i), command.get(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean matches(String allowed, String word) {
    if (allowed.equals(word)) {
      return true;
    }
    if (!isGlob(allowed) || hasDotDotName(word)) {
      return false;
    }
    try {
      PathMatcher glob = FileSystems.getDefault().getPathMatcher("glob:" + allowed);
      return glob.matches(Path.of(word));
    } catch (IllegalArgumentException e) { // a bad glob, or a word that is no path
      return false;
    }
  }

  private static boolean isGlob(String word) {
    return word.chars().anyMatch(c -> c == '*' || c == '?' || c == '[' || c == '{');
  }

  private static boolean hasDotDotName(String word) {
    for (String name : word.split("[/\\\\]", -1)) {
      if (name.equals("..")) {
        return true;
      }
    }
    return false;
  }
}
