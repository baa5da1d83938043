package dev.cassette.proxy.transport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Where the tests of every module find the npm test peers and the repository's shared fixtures. The
 * folder is the system property {@code cassette.testPeers} (Surefire sets it to the repository's
 * {@code test-peers}); shared by the modules' tests through proxy-core's test-jar.
 */
public final class TestPeers {

  /** The system property naming the test peers folder: {@value}. */
  public static final String PROPERTY = "cassette.testPeers";

  private TestPeers() {}

  /** The test peers folder, absolute. */
  public static Path folder() {
    String peers = System.getProperty(PROPERTY);
    if (peers == null || peers.isBlank()) {
      throw new IllegalStateException(
          "system property "
              + PROPERTY
              + " is not set (Surefire sets it to <repository>/test-peers)");
    }
    return Path.of(peers).toAbsolutePath().normalize();
  }

  /** The repository's root folder, the test peers folder's parent. */
  public static Path repository() {
    return folder().getParent();
  }

  /** The stdio entry point of the npm server-everything, checked to exist. */
  public static Path serverEverything() {
    Path script =
        folder().resolve("node_modules/@modelcontextprotocol/server-everything/dist/index.js");
    if (!Files.isRegularFile(script)) {
      throw new IllegalStateException(
          "server-everything is not installed at " + script + " (run test-peers/install.sh)");
    }
    return script;
  }

  /** The command that starts server-everything over stdio. */
  public static List<String> everythingCommand() {
    return List.of("node", serverEverything().toString(), "stdio");
  }
}
