package dev.cassette.host.policy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Reads and writes policy files defensively: only regular files (no links, pipes or devices, which
 * could block or never end), at most {@link PolicyStore#MAX_POLICY_BYTES}, strict UTF-8.
 */
final class PolicyFiles {
  private PolicyFiles() {}

  /**
   * The text of {@code file}, or {@code null} if it does not exist.
   *
   * @throws PolicyException naming the file if it is not a regular file, too large or unreadable
   */
  static String read(Path file) throws PolicyException {
    BasicFileAttributes attributes;
    try {
      attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      throw new PolicyException("cannot read policy " + file + ": " + e.getMessage(), e);
    }
    if (!attributes.isRegularFile()) {
      throw new PolicyException(
          "cannot read policy "
              + file
              + ": not a regular file (a "
              + kind(attributes)
              + "); policy files must be regular files");
    }
    if (attributes.size() > PolicyStore.MAX_POLICY_BYTES) {
      throw tooLarge(file, attributes.size(), "is");
    }
    // NOFOLLOW_LINKS again: a link swapped in after the check is refused by open(2) itself.
    try (InputStream in =
        Files.newInputStream(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
      byte[] bytes = in.readNBytes(PolicyStore.MAX_POLICY_BYTES + 1);
      if (bytes.length > PolicyStore.MAX_POLICY_BYTES) {
        throw tooLarge(file, bytes.length, "grew to at least");
      }
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (NoSuchFileException e) {
      return null;
    } catch (CharacterCodingException e) {
      throw new PolicyException("cannot read policy " + file + ": not valid UTF-8", e);
    } catch (IOException e) {
      throw new PolicyException("cannot read policy " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Writes {@code text} to {@code file} atomically (temporary file, then rename).
   *
   * @throws PolicyException naming the file if the text is too large or cannot be written
   */
  static void write(Path file, String text) throws PolicyException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    if (bytes.length > PolicyStore.MAX_POLICY_BYTES) {
      throw tooLarge(file, bytes.length, "would be");
    }
    try {
      Path temp = Files.createTempFile(file.toAbsolutePath().getParent(), ".policy", ".tmp");
      try {
        Files.write(temp, bytes);
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(temp);
      }
    } catch (IOException e) {
      throw new PolicyException("cannot write policy " + file + ": " + e.getMessage(), e);
    }
  }

  /** Checks the size of a policy text kept in memory instead of a file. */
  static void checkSize(Path file, String text) throws PolicyException {
    long length = text.getBytes(StandardCharsets.UTF_8).length;
    if (length > PolicyStore.MAX_POLICY_BYTES) {
      throw tooLarge(file, length, "would be");
    }
  }

  private static PolicyException tooLarge(Path file, long size, String verb) {
    return new PolicyException(
        "policy "
            + file
            + " "
            + verb
            + " "
            + size
            + " bytes, larger than 1 MiB ("
            + PolicyStore.MAX_POLICY_BYTES
            + " bytes), the limit for policy files");
  }

  private static String kind(BasicFileAttributes attributes) {
    if (attributes.isSymbolicLink()) {
      return "symbolic link";
    }
    if (attributes.isDirectory()) {
      return "directory";
    }
    return "named pipe, socket or device";
  }
}
