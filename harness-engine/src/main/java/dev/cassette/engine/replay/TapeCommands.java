package dev.cassette.engine.replay;

import dev.cassette.engine.Constants;
import dev.cassette.engine.config.CassetteConfiguration;
import dev.cassette.proxy.tape.ServerSpec;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apiguardian.api.API;

/**
 * Decides whether a tape's own server command may run. A tape in a pull request is a command line
 * someone has to review, so on CI ({@link CassetteConfiguration#onCi()}) a tape's command runs only
 * when {@code cassette.server.allowedCommands} allows it. Locally every command runs; embedded
 * servers are not commands and always run.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class TapeCommands {

  private static final Pattern PLAIN_WORD = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

  private TapeCommands() {}

  /**
   * Checks that the tape's server {@code spec} may start.
   *
   * @throws ServerSelection.CommandNotAllowedException naming the command and how to allow it, when
   *     it may not
   */
  static void check(CassetteConfiguration configuration, ServerSpec spec)
      throws ServerSelection.CommandNotAllowedException {
    Optional<String> refusal =
        refusal(
            configuration,
            spec,
            "-D"
                + Constants.SERVER_COMMAND_PROPERTY_NAME
                + "=... (cassette verify --server ...) or @Server on the @TapeSuite class");
    if (refusal.isPresent()) {
      throw new ServerSelection.CommandNotAllowedException(refusal.get());
    }
  }

  /**
   * Why the tape's server {@code spec} may not start (on CI, without an allowance), or empty when
   * it may.
   *
   * @param configuration the run's configuration
   * @param spec the tape's server block
   * @param nameItYourself how else the user may name the server, for the message
   * @return the message naming the command and how to allow it, or empty
   */
  public static Optional<String> refusal(
      CassetteConfiguration configuration, ServerSpec spec, String nameItYourself) {
    if (ServerSpec.EMBEDDED.equals(spec.transport())) {
      return Optional.empty();
    }
    Optional<String> ci = configuration.ciReason();
    if (ci.isEmpty() || configuration.allowedCommands().allows(spec.command())) {
      return Optional.empty();
    }
    String executable = spec.command().isEmpty() ? "" : shellWord(spec.command().get(0));
    return Optional.of(
        "the tape's server command `"
            + shellWords(spec.command())
            + "` is not run on CI ("
            + ci.get()
            + "): a tape can hold any command. Allow it with -D"
            + Constants.SERVER_ALLOWED_COMMANDS_PROPERTY_NAME
            + "="
            + executable
            + " (cassette verify --allow-command "
            + executable
            + "), or name the server yourself with "
            + nameItYourself);
  }

  /** The words as a POSIX shell would read them back: words with special characters quoted. */
  static String shellWords(List<String> words) {
    return words.stream().map(TapeCommands::shellWord).collect(Collectors.joining(" "));
  }

  private static String shellWord(String word) {
    if (PLAIN_WORD.matcher(word).matches()) {
      return word;
    }
    return "'" + word.replace("'", "'\\''") + "'";
  }
}
