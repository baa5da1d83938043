package dev.cassette.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every filesystem change a guest can ask for, against read-only grants and symlink escapes. */
class FilesystemGuardTest {
  private static final String EROFS = "Read-only file system";
  private static final String ENOTCAPABLE = "Capabilities insufficient";

  @TempDir Path componentDir;
  @TempDir Path sandbox;
  Path readOnly;
  Path writable;
  Path outside;
  HostFixture host;

  @BeforeEach
  void start() throws Exception {
    HostFixture.copyGuest(componentDir, "fsops.wasm");
    readOnly = Files.createDirectories(sandbox.resolve("ro"));
    writable = Files.createDirectories(sandbox.resolve("rw"));
    outside = Files.createDirectories(sandbox.resolve("outside"));
    Files.writeString(readOnly.resolve("keep.txt"), "keep");
    Files.createDirectories(readOnly.resolve("sub"));
    Files.writeString(outside.resolve("secret.txt"), "secret");
    Files.createSymbolicLink(writable.resolve("linkdir"), outside);
    Files.createSymbolicLink(writable.resolve("escape"), outside.resolve("secret.txt"));
    Files.createSymbolicLink(writable.resolve("dangling"), outside.resolve("created-later.txt"));
    Files.writeString(writable.resolve("mine.txt"), "mine");
    host = HostFixture.start(Map.of("componentDir", componentDir.toString()), Map.of());
    grant(readOnly, "read");
    grant(writable, "read", "write");
  }

  @AfterEach
  void stop() {
    host.close();
  }

  private void grant(Path dir, String... access) {
    host.call(
        "grant-storage-permission",
        Map.of(
            "component_id",
            "fsops",
            "details",
            Map.of("uri", "fs://" + dir, "access", List.of(access))));
  }

  private String op(String op, Path path, Path other) {
    return host.result(
            "fs_op",
            Map.of(
                "op", op, "path", path.toString(), "other", other == null ? "" : other.toString()))
        .toString();
  }

  private String op(String op, Path path) {
    return op(op, path, null);
  }

  @Test
  void readOnlyGrantsRefuseEveryChange() {
    Path keep = readOnly.resolve("keep.txt");
    assertThat(op("mkdir", readOnly.resolve("new"))).contains(EROFS);
    assertThat(op("rmdir", readOnly.resolve("sub"))).contains(EROFS);
    assertThat(op("unlink", keep)).contains(EROFS);
    assertThat(op("truncate", keep)).contains(EROFS);
    assertThat(op("utimes", keep)).contains(EROFS);
    assertThat(op("rename", keep, readOnly.resolve("moved.txt"))).contains(EROFS);
    assertThat(op("symlink", readOnly.resolve("l"), keep)).contains(EROFS);
    assertThat(op("rename", keep, writable.resolve("stolen.txt"))).contains(EROFS);
    assertThat(op("link", keep, writable.resolve("alias.txt"))).contains(EROFS);
    assertThat(op("rename", writable.resolve("mine.txt"), readOnly.resolve("mine.txt")))
        .contains(EROFS);

    assertThat(readOnly.resolve("new")).doesNotExist();
    assertThat(readOnly.resolve("sub")).isDirectory();
    assertThat(keep).hasContent("keep");
    assertThat(writable.resolve("alias.txt")).doesNotExist();

    assertThat(op("stat", keep)).isEqualTo("{\"ok\":\"size 4\"}");
    assertThat(op("list", readOnly)).isEqualTo("{\"ok\":\"2 entries\"}");
  }

  @Test
  void writableGrantsAllowChangesInside() {
    assertThat(op("mkdir", writable.resolve("made"))).isEqualTo("{\"ok\":\"done\"}");
    assertThat(op("rename", writable.resolve("mine.txt"), writable.resolve("made/moved.txt")))
        .isEqualTo("{\"ok\":\"done\"}");
    assertThat(writable.resolve("made/moved.txt")).hasContent("mine");
    assertThat(op("symlink", writable.resolve("made/link"), writable.resolve("made/moved.txt")))
        .as("absolute link targets are refused")
        .contains(ENOTCAPABLE);
    assertThat(op("symlink", writable.resolve("made/link"), Path.of("moved.txt")))
        .isEqualTo("{\"ok\":\"done\"}");
    assertThat(op("stat", writable.resolve("made/link"))).isEqualTo("{\"ok\":\"size 4\"}");
    assertThat(op("readlink", writable.resolve("made/link"))).contains("moved.txt");
    assertThat(op("unlink", writable.resolve("made/link"))).isEqualTo("{\"ok\":\"done\"}");
    assertThat(op("unlink", writable.resolve("made/moved.txt"))).isEqualTo("{\"ok\":\"done\"}");
    assertThat(op("rmdir", writable.resolve("made"))).isEqualTo("{\"ok\":\"done\"}");
    assertThat(writable.resolve("made")).doesNotExist();
  }

  @Test
  void symlinksCannotReachOutsideThePreopen() {
    Path secret = outside.resolve("secret.txt");
    assertThat(op("stat", writable.resolve("escape"))).contains(ENOTCAPABLE);
    assertThat(op("stat", writable.resolve("linkdir/secret.txt"))).contains(ENOTCAPABLE);
    assertThat(op("list", writable.resolve("linkdir"))).contains(ENOTCAPABLE);
    assertThat(op("unlink", writable.resolve("linkdir/secret.txt"))).contains(ENOTCAPABLE);
    assertThat(op("truncate", writable.resolve("escape"))).contains(ENOTCAPABLE);
    assertThat(op("utimes", writable.resolve("escape"))).contains(ENOTCAPABLE);
    assertThat(op("mkdir", writable.resolve("linkdir/planted"))).contains(ENOTCAPABLE);
    assertThat(op("rename", writable.resolve("linkdir/secret.txt"), writable.resolve("got.txt")))
        .contains(ENOTCAPABLE);
    assertThat(op("link", writable.resolve("escape"), writable.resolve("hard.txt")))
        .as("a hard link would carry a link that does not point down")
        .contains(ENOTCAPABLE);
    assertThat(writable.resolve("hard.txt")).doesNotExist();
    assertThat(op("stat", writable.resolve("dangling"))).contains(ENOTCAPABLE);
    assertThat(op("symlink", writable.resolve("out1"), Path.of("../outside/secret.txt")))
        .contains(ENOTCAPABLE);
    assertThat(op("symlink", writable.resolve("out2"), secret)).contains(ENOTCAPABLE);
    assertThat(writable.resolve("out1")).doesNotExist();

    assertThat(secret).hasContent("secret");
    assertThat(outside.resolve("planted")).doesNotExist();
    assertThat(outside.resolve("created-later.txt")).doesNotExist();
    assertThat(writable.resolve("got.txt")).doesNotExist();

    assertThat(op("readlink", writable.resolve("escape"))).startsWith("{\"ok\"");
    assertThat(op("unlink", writable.resolve("escape"))).isEqualTo("{\"ok\":\"done\"}");
    assertThat(secret).hasContent("secret");
  }
}
