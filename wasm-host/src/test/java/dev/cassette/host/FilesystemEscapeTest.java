package dev.cassette.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hostile component calling the WASI path functions directly, with absolute and {@code ..} paths
 * and symbolic links meant to lead out of its writable grant.
 */
class FilesystemEscapeTest {
  private static final String REFUSED = "{\"err\":\"errno 76\"}";
  private static final String DONE = "{\"ok\":\"done\"}";

  @TempDir Path componentDir;
  @TempDir Path sandbox;
  Path writable;
  Path outside;
  HostFixture host;

  @BeforeEach
  void start() throws Exception {
    HostFixture.copyGuest(componentDir, "fsraw.wasm");
    writable = Files.createDirectories(sandbox.resolve("rw")).toRealPath();
    outside = Files.createDirectories(sandbox.resolve("outside")).toRealPath();
    Files.writeString(outside.resolve("secret.txt"), "secret");
    Files.writeString(outside.resolve("authorized_keys"), "host key");
    Files.writeString(writable.resolve("mine.txt"), "guest key");
    Files.createSymbolicLink(writable.resolve("escape"), outside.resolve("secret.txt"));
    host = HostFixture.start(Map.of("componentDir", componentDir.toString()), Map.of());
    host.call(
        "grant-storage-permission",
        Map.of(
            "component_id",
            "fsraw",
            "details",
            Map.of("uri", "fs://" + writable, "access", List.of("read", "write"))));
  }

  @AfterEach
  void stop() {
    host.close();
  }

  private String raw(String op, String path, String other) {
    return host.result(
            "raw_op", Map.of("op", op, "dir", writable.toString(), "path", path, "other", other))
        .toString();
  }

  @Test
  void renameCannotTakeHostFilesIntoTheGrant() {
    assertThat(raw("rename", "../outside/secret.txt", "stolen.txt")).isEqualTo(REFUSED);
    assertThat(raw("rename", outside.resolve("secret.txt").toString(), "stolen.txt"))
        .isEqualTo(REFUSED);

    assertThat(outside.resolve("secret.txt")).hasContent("secret");
    assertThat(writable.resolve("stolen.txt")).doesNotExist();
  }

  @Test
  void renameCannotMoveGuestFilesOverHostFiles() {
    assertThat(raw("rename", "mine.txt", "../outside/authorized_keys")).isEqualTo(REFUSED);
    assertThat(raw("rename", "mine.txt", outside.resolve("authorized_keys").toString()))
        .isEqualTo(REFUSED);
    assertThat(raw("rename", "sub/../../outside/x", "y")).isEqualTo(REFUSED);

    assertThat(outside.resolve("authorized_keys")).hasContent("host key");
    assertThat(writable.resolve("mine.txt")).hasContent("guest key");
    assertThat(raw("rename", "mine.txt", "moved.txt")).isEqualTo(DONE);
    assertThat(writable.resolve("moved.txt")).hasContent("guest key");
  }

  @Test
  void symlinksCannotBeCreatedOutsideTheGrant() {
    String mine = writable.resolve("mine.txt").toString();
    assertThat(raw("symlink", "../outside/planted", "../rw/mine.txt")).isEqualTo(REFUSED);
    assertThat(raw("symlink", outside.resolve("planted").toString(), mine)).isEqualTo(REFUSED);
    assertThat(raw("link", "mine.txt", "../outside/hard")).isEqualTo(REFUSED);

    assertThat(outside.resolve("planted")).doesNotExist();
    assertThat(outside.resolve("hard")).doesNotExist();
  }

  @Test
  void linkTargetsThatCouldLeaveTheGrantAreRefused() throws Exception {
    Files.createDirectories(writable.resolve("a/b"));
    assertThat(raw("symlink", "a/b/up", "../..")).isEqualTo(REFUSED);
    assertThat(raw("symlink", "a/b/self", ".")).isEqualTo(REFUSED);
    assertThat(raw("symlink", "a/b/back", "c/../..")).isEqualTo(REFUSED);
    assertThat(raw("symlink", "a/b/abs", writable.resolve("mine.txt").toString()))
        .isEqualTo(REFUSED);
    assertThat(writable.resolve("a/b")).isEmptyDirectory();

    Files.createSymbolicLink(writable.resolve("a/b/up"), Path.of("../.."));
    assertThat(raw("symlink", "through", "a/b/up/../outside/secret.txt"))
        .as("lexically inside, but the link resolves outside")
        .isEqualTo(REFUSED);
    assertThat(writable.resolve("through")).doesNotExist();

    assertThat(raw("symlink", "a/down", "b/../b")).isEqualTo(DONE);
    assertThat(writable.resolve("a/down").toRealPath()).isEqualTo(writable.resolve("a/b"));
  }

  @Test
  void renameRechecksTheTargetsOfMovedLinks() throws Exception {
    Files.createDirectories(writable.resolve("a/b"));
    Files.createSymbolicLink(writable.resolve("a/up"), Path.of(".."));
    Files.createSymbolicLink(writable.resolve("a/b/upup"), Path.of("../.."));

    assertThat(raw("rename", "a/up", "up"))
        .as("a link to .. moved one level up")
        .isEqualTo(REFUSED);
    assertThat(raw("rename", "a/b", "b")).as("a folder holding such a link").isEqualTo(REFUSED);
    assertThat(raw("link", "a/up", "up")).isEqualTo(REFUSED);

    assertThat(writable.resolve("up")).doesNotExist();
    assertThat(writable.resolve("b")).doesNotExist();
    assertThat(writable.resolve("a/up").toRealPath()).isEqualTo(writable);
  }

  @Test
  void timesOfAnEscapingLinkTargetCannotBeChanged() throws Exception {
    Path secret = outside.resolve("secret.txt");
    FileTime before = Files.getLastModifiedTime(secret);

    assertThat(raw("touch_nofollow", "escape", "")).isEqualTo(REFUSED);

    assertThat(Files.getLastModifiedTime(secret)).isEqualTo(before);
    assertThat(Files.getLastModifiedTime(writable.resolve("escape"), LinkOption.NOFOLLOW_LINKS))
        .isNotEqualTo(FileTime.fromMillis(1000));
    assertThat(raw("touch_nofollow", "mine.txt", "")).isEqualTo(DONE);
    assertThat(Files.getLastModifiedTime(writable.resolve("mine.txt")))
        .isEqualTo(FileTime.fromMillis(1000));
  }

  @Test
  void readingThroughAnEscapingLinkIsRefused() {
    assertThat(raw("read", "escape", "")).isEqualTo(REFUSED);
    assertThat(raw("read", "../outside/secret.txt", "")).isEqualTo(REFUSED);
    assertThat(raw("read", outside.resolve("secret.txt").toString(), "")).isEqualTo(REFUSED);
    assertThat(raw("read", "mine.txt", "")).isEqualTo("{\"ok\":\"guest key\"}");
  }
}
