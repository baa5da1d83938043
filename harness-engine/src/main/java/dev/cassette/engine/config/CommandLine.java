package dev.cassette.engine.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * Splits a command line into words the way a POSIX shell does for simple commands: whitespace
 * separates words, single quotes keep everything literally, double quotes keep whitespace (and
 * honour {@code \"} and {@code \\}), a backslash outside quotes escapes the next character. No
 * variables, globs or redirections.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class CommandLine {

  private CommandLine() {}

  /**
   * Splits {@code line} into words.
   *
   * @throws IllegalArgumentException naming the problem if a quote is not closed or the line ends
   *     with a lone backslash
   */
  public static List<String> split(String line) {
    Objects.requireNonNull(line, "line");
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean inWord = false;
    char quote = 0;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quote == '\'') {
        if (c == '\'') {
          quote = 0;
        } else {
          word.append(c);
        }
      } else if (quote == '"') {
        if (c == '"') {
          quote = 0;
        } else if (c == '\\'
            && i + 1 < line.length()
            && "\"\\$`".indexOf(line.charAt(i + 1)) >= 0) {
          word.append(line.charAt(++i));
        } else {
          word.append(c);
        }
      } else if (Character.isWhitespace(c)) {
        if (inWord) {
          words.add(word.toString());
          word.setLength(0);
          inWord = false;
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
        inWord = true;
      } else if (c == '\\') {
        if (i + 1 == line.length()) {
          throw new IllegalArgumentException("command line ends with a lone backslash: " + line);
        }
        word.append(line.charAt(++i));
        inWord = true;
      } else {
        word.append(c);
        inWord = true;
      }
    }
    if (quote != 0) {
      throw new IllegalArgumentException("unclosed " + quote + " quote in command line: " + line);
    }
    if (inWord) {
      words.add(word.toString());
    }
    return List.copyOf(words);
  }
}
