package dev.cassette.engine.jupiter;

import dev.cassette.annotations.Match;
import dev.cassette.annotations.RecordMode;
import dev.cassette.annotations.Server;
import dev.cassette.annotations.Tape;
import dev.cassette.engine.match.MatchLayers;
import dev.cassette.engine.match.MatchSettings;
import dev.cassette.proxy.tape.TapeCodec;
import java.nio.file.Files;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What a {@code @Tape} test does, decided before it runs: the tape, the record mode, and whether it
 * records, verifies against the live server, or replays offline.
 *
 * @param path the tape file and its path under the tapes root
 * @param name the tape's name
 * @param mode the effective record mode
 * @param action what the session does
 * @param server the live server settings, or {@code null} when none are given
 * @param match the matcher settings from the annotations ({@code @Match} on class, then method)
 */
record TapePlan(
    TapePath path,
    String name,
    RecordMode mode,
    Action action,
    Server server,
    MatchSettings match) {

  /** What the session does with the tape. */
  enum Action {
    /** Run against the live server and write the tape from the traffic. */
    RECORD,
    /** Run against the live server and compare the traffic with the tape. */
    VERIFY,
    /** Serve the test from the tape; no live server. */
    OFFLINE
  }

  /** The tape file's name without {@code .tape.json}, for example {@code slugify-2}. */
  private static String defaultName(TapePath path) {
    String file = path.file().getFileName().toString();
    return file.endsWith(TapeCodec.FILE_SUFFIX)
        ? file.substring(0, file.length() - TapeCodec.FILE_SUFFIX.length())
        : file;
  }

  /** The plan for a test, or {@code null} when the test has no {@code @Tape}. */
  static TapePlan of(ExtensionContext context, JupiterSettings settings) {
    Tape onMethod = Annotations.onMethod(context, Tape.class);
    Tape onClass = Annotations.onClass(context, Tape.class);
    Tape tape = onMethod != null ? onMethod : onClass;
    if (tape == null) {
      return null;
    }
    TapePath path = TapePath.of(settings.tapesRoot(), onMethod, onClass, context);
    RecordMode mode = settings.recordMode(tape.record());
    boolean exists = Files.isRegularFile(path.file());
    Action action;
    if (tape.offline() || settings.offline()) {
      if (!exists) {
        throw new IllegalStateException(
            "offline mode needs the tape "
                + path.file()
                + ", which does not exist; record it first by running the test with a live server"
                + " (without cassette.offline)");
      }
      action = Action.OFFLINE;
    } else if (mode == RecordMode.ALL || (!exists && mode != RecordMode.NONE)) {
      action = Action.RECORD;
    } else if (!exists) {
      throw new IllegalStateException(
          "the tape "
              + path.file()
              + " does not exist and record mode is none"
              + (settings.onCi() ? " (the default when CI is set)" : "")
              + "; record it locally with -Dcassette.record=new and commit it");
    } else {
      action = Action.VERIFY;
    }
    String name = tape.name().isBlank() ? defaultName(path) : tape.name();
    MatchSettings match =
        MatchSettings.DEFAULTS
            .merge(MatchLayers.fromAnnotation(Annotations.onClass(context, Match.class)))
            .merge(MatchLayers.fromAnnotation(Annotations.onMethod(context, Match.class)));
    return new TapePlan(
        path, name, mode, action, Annotations.nearest(context, Server.class), match);
  }
}
