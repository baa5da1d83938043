package dev.cassette.proxy.record;

import dev.cassette.proxy.tape.ServerSpec;
import dev.cassette.proxy.tape.TapeCodec;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.apiguardian.api.API;

/**
 * What a {@link Recorder} records into and about.
 *
 * @param tape the tape file to write; its journal goes beside it as {@code <tape>.journal}
 * @param name the tape's name
 * @param tags the tape's tags
 * @param server the server being recorded: command (redacted before it is written) and the names of
 *     the environment variables given to it
 * @param workingDirectory where relative component paths are resolved (the server's directory)
 * @param status told about problems as they happen (non-JSON lines and the like), one line each,
 *     already redacted
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record RecorderOptions(
    Path tape,
    String name,
    List<String> tags,
    ServerSpec server,
    Path workingDirectory,
    Consumer<String> status) {

  /** Checks arguments and copies the list. */
  public RecorderOptions {
    Objects.requireNonNull(tape, "tape");
    Objects.requireNonNull(name, "name");
    tags = List.copyOf(Objects.requireNonNull(tags, "tags"));
    Objects.requireNonNull(server, "server");
    Objects.requireNonNull(workingDirectory, "workingDirectory");
    Objects.requireNonNull(status, "status");
  }

  /** The tape's name a file implies: its name without {@code .tape.json} (or {@code .json}). */
  public static String nameOf(Path tape) {
    String file = tape.getFileName().toString();
    for (String suffix : List.of(TapeCodec.FILE_SUFFIX, ".json")) {
      if (file.endsWith(suffix) && file.length() > suffix.length()) {
        return file.substring(0, file.length() - suffix.length());
      }
    }
    return file;
  }
}
