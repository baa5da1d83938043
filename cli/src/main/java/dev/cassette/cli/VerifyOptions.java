package dev.cassette.cli;

import static dev.cassette.proxy.tape.TapeCodec.FILE_SUFFIX;

import dev.cassette.annotations.RecordMode;
import dev.cassette.engine.config.CassetteConfiguration;
import dev.cassette.engine.config.Durations;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * What {@code cassette verify} checks in its arguments before it runs anything, with the engine's
 * own parsers, so a bad option is a usage error naming the value and the valid values.
 */
final class VerifyOptions {

  private VerifyOptions() {}

  /** {@code --record}: a record mode, case-insensitively. */
  static final class RecordModeConverter implements ITypeConverter<RecordMode> {
    @Override
    public RecordMode convert(String value) {
      try {
        return CassetteConfiguration.parseRecordMode(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException("'" + value + "' is no record mode: " + e.getMessage());
      }
    }
  }

  /** {@code --timeout}: a duration as {@code cassette.timeout} takes it. */
  static final class DurationConverter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      try {
        return Durations.parse(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException("'" + value + "' is no duration: " + e.getMessage());
      }
    }
  }

  /**
   * Why {@code path} selects no tape, or empty when it selects at least one: it does not exist, it
   * is a file whose name does not end in {@value #FILE_SUFFIX}, or a folder with no tape below it.
   */
  static Optional<String> tapeProblem(Path path) {
    if (Files.isDirectory(path)) {
      try {
        return hasTapes(path)
            ? Optional.empty()
            : Optional.of("no tapes found under " + path + " (looked for *" + FILE_SUFFIX + ")");
      } catch (IOException | UncheckedIOException e) {
        return Optional.of("cannot list tapes in " + path + ": " + e.getMessage());
      }
    }
    if (!Files.isRegularFile(path)) {
      return Optional.of("no such tape or folder: " + path);
    }
    if (!path.getFileName().toString().endsWith(FILE_SUFFIX)) {
      return Optional.of(path + " is not a tape: a tape file name ends in " + FILE_SUFFIX);
    }
    return Optional.empty();
  }

  private static boolean hasTapes(Path folder) throws IOException {
    try (Stream<Path> files = Files.walk(folder)) {
      return files.anyMatch(
          file -> Files.isRegularFile(file) && file.getFileName().toString().endsWith(FILE_SUFFIX));
    }
  }
}
