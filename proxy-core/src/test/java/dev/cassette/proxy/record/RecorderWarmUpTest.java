package dev.cassette.proxy.record;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cassette.proxy.redact.Redactor;
import org.junit.jupiter.api.Test;

class RecorderWarmUpTest {

  private final RecorderWarmUp warmUp = new RecorderWarmUp(new VerbatimLines(Redactor.defaults()));

  @Test
  void takesEverySampleThroughTheVerbatimPath() {
    warmUp.run();

    assertThat(warmUp.linesBuilt())
        .as("each sample must pass the verbatim check, or the journal path stays cold")
        .isPositive()
        .isEqualTo(warmUp.linesBuilt() / 6 * 6);
  }

  @Test
  void doesNothingOnceStopped() {
    warmUp.stop();
    warmUp.run();

    assertThat(warmUp.linesBuilt()).isZero();
  }
}
