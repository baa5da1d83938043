package dev.cassette.proxy.tape;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/** Reads the fixture tapes under {@code dev/cassette/proxy/tape/} on the test classpath. */
final class TapeFixtures {

  /**
   * The fixtures written exactly as the codec writes them; a {@code @MethodSource} for round trips.
   */
  static List<String> canonical() {
    return List.of(
        "full.tape.json",
        "extensions.tape.json",
        "minimal.tape.json",
        "batch, string ids & ünïcode.tape.json");
  }

  private TapeFixtures() {}

  static String text(String name) {
    try (InputStream in = TapeFixtures.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Path path(String name) {
    try {
      return Path.of(TapeFixtures.class.getResource(name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
