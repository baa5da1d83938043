package dev.cassette.engine.replay;

import dev.cassette.annotations.RecordMode;
import dev.cassette.engine.record.LiveExchange;
import dev.cassette.engine.record.TapeRewriter;
import dev.cassette.proxy.tape.Tape;
import dev.cassette.proxy.tape.TapeCodec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.platform.engine.TestDescriptor;

/** What happens when a tape's exchanges are done: obsolete tools are reported, re-recording. */
final class TapeFinisher {

  private TapeFinisher() {}

  static void finish(TapeReplay replay, TestDescriptor descriptor) throws IOException {
    List<String> obsolete = replay.obsoleteTools();
    if (!obsolete.isEmpty()) {
      replay.publish(
          descriptor,
          "cassette.obsolete",
          "tools the server no longer lists: " + String.join(", ", obsolete));
    }
    boolean rewrite =
        replay.skipReason().isEmpty()
            && (replay.recordMode() == RecordMode.ALL
                || (replay.recordMode() == RecordMode.FAILING && !replay.rerecorded().isEmpty()));
    if (!rewrite) {
      return;
    }
    if (replay.location().file() == null) {
      replay.publish(
          descriptor,
          "cassette.rerecorded",
          "not written: "
              + replay.location().displayPath()
              + " is a classpath resource; select the tape by its file to re-record it");
      return;
    }
    List<LiveExchange> live = new ArrayList<>();
    for (ObservedExchange observed : replay.observed()) {
      live.add(
          observed == null
              ? null
              : new LiveExchange(observed.response(), observed.notifications()));
    }
    Tape rewritten = TapeRewriter.rewrite(replay.tape(), live, replay::settings);
    if (replay.recordMode() == RecordMode.ALL) {
      rewritten = rewritten.withComponents(replay.currentComponents());
    }
    String before = TapeCodec.toJson(replay.tape());
    String after = TapeCodec.toJson(rewritten);
    if (!before.equals(after)) {
      TapeCodec.write(rewritten, replay.location().file());
      int changed = 0;
      for (int i = 0; i < rewritten.exchanges().size(); i++) {
        if (!rewritten.exchanges().get(i).equals(replay.tape().exchanges().get(i))) {
          changed++;
        }
      }
      replay.publish(
          descriptor,
          "cassette.rerecorded",
          "wrote "
              + replay.location().displayPath()
              + " ("
              + changed
              + (changed == 1 ? " exchange" : " exchanges")
              + " changed)");
    }
  }
}
