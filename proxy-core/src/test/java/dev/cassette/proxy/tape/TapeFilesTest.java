package dev.cassette.proxy.tape;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tape files: atomic writes, permissions, unreadable files. */
class TapeFilesTest {

  @Nested
  class Writing {

    @TempDir Path folder;

    @Test
    void writesAtomicallyCreatingParentFoldersAndLeavingNoTemporaryFile()
        throws IOException, TapeFormatException {
      Tape tape = TapeCodec.read(TapeFixtures.text("full.tape.json"), "full.tape.json");
      Path file = folder.resolve("a/b/full.tape.json");

      TapeCodec.write(tape, file);
      TapeCodec.write(tape, file);

      assertThat(Files.readString(file, StandardCharsets.UTF_8))
          .isEqualTo(TapeFixtures.text("full.tape.json"));
      try (var files = Files.list(file.getParent())) {
        assertThat(files).containsExactly(file);
      }
      assertThat(TapeCodec.read(file).name()).isEqualTo("weather: Oslo forecast");
    }

    @Test
    void givesTheTapeTheSamePermissionsAsAnyNewFile() throws IOException {
      org.junit.jupiter.api.Assumptions.assumeTrue(
          folder.getFileSystem().supportedFileAttributeViews().contains("posix"));
      Path plain = Files.createFile(folder.resolve("plain.txt"));
      Path tape = folder.resolve("t.tape.json");

      TapeCodec.write(new Tape(1, "perm", null, null, null, null, null, List.of(), null), tape);

      assertThat(Files.getPosixFilePermissions(tape))
          .isEqualTo(Files.getPosixFilePermissions(plain));
    }

    @Test
    void replacesAnExistingTape() throws IOException, TapeFormatException {
      Path file = folder.resolve("t.tape.json");
      Files.writeString(file, "old content that is not a tape");

      TapeCodec.write(new Tape(1, "new", null, null, null, null, null, List.of(), null), file);

      assertThat(TapeCodec.read(file).name()).isEqualTo("new");
    }

    @Test
    void namesAMissingFile() {
      Path file = folder.resolve("missing.tape.json");

      assertThatThrownBy(() -> TapeCodec.read(file))
          .isInstanceOf(TapeFormatException.class)
          .hasMessage(file + ": no such file");
    }

    @Test
    void rejectsBytesThatAreNotUtf8() throws IOException {
      Path file = folder.resolve("latin1.tape.json");
      Files.write(file, new byte[] {'{', '"', (byte) 0xE9, '"', '}'});

      assertThatThrownBy(() -> TapeCodec.read(file))
          .isInstanceOf(TapeFormatException.class)
          .hasMessage(
              file
                  + ":1:3: not UTF-8 text: invalid byte sequence 0xE9 at byte offset 2;"
                  + " tapes are UTF-8");
    }
  }
}
