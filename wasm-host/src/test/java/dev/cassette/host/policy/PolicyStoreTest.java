package dev.cassette.host.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

class PolicyStoreTest {
  private static final Duration BOUND = Duration.ofSeconds(10);

  @TempDir Path dir;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final PolicyStore store = new PolicyStore();

  @AfterEach
  void stop() throws Exception {
    executor.shutdownNow();
    executor.awaitTermination(5, TimeUnit.SECONDS);
  }

  private Path otherPolicy() throws IOException {
    return Files.writeString(
        dir.resolve("other.policy.yaml"),
        "permissions:\n  environment:\n    allow:\n      - key: OTHER\n");
  }

  /** Opening a FIFO read-write never blocks on Linux and releases a reader stuck in open(). */
  private static void release(Path fifo) {
    try (RandomAccessFile unblock = new RandomAccessFile(fifo.toFile(), "rw")) {
      unblock.getFD().sync();
    } catch (IOException e) {
      // the pipe is gone or was never opened; nothing is waiting
    }
  }

  @Test
  @EnabledOnOs({OS.LINUX, OS.MAC})
  void aNamedPipeIsRefusedAndOtherPoliciesStillAnswer() throws Exception {
    Path fifo = dir.resolve("pipe.policy.yaml");
    Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
    assertThat(mkfifo.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(mkfifo.exitValue()).isZero();
    Path other = otherPolicy();
    try {
      CompletableFuture<Object> piped =
          CompletableFuture.supplyAsync(() -> outcome(fifo), executor);
      CompletableFuture<Object> answered =
          CompletableFuture.supplyAsync(() -> outcome(other), executor);
      await().atMost(BOUND).until(() -> piped.isDone() && answered.isDone());
      assertThat(answered.get()).isInstanceOf(Policy.class);
      assertThat(((Policy) answered.get()).environment()).containsExactly("OTHER");
      assertThat(piped.get())
          .isInstanceOf(PolicyException.class)
          .asString()
          .contains(fifo.toString(), "not a regular file");
    } finally {
      release(fifo);
    }
  }

  private Object outcome(Path file) {
    try {
      return store.read(file);
    } catch (PolicyException e) {
      return e;
    }
  }

  @Test
  void aPolicyFileOverTheSizeCapIsRefusedByName() throws Exception {
    Path huge = dir.resolve("huge.policy.yaml");
    String line = "# " + "é".repeat(60) + "\n";
    StringBuilder text = new StringBuilder("version: \"1.0\"\n");
    while (text.length() * 2L < 5L << 20) {
      text.append(line);
    }
    Files.writeString(huge, text, StandardCharsets.UTF_8);
    assertThatThrownBy(() -> store.read(huge))
        .isInstanceOf(PolicyException.class)
        .hasMessageContaining(huge.toString())
        .hasMessageContaining("larger than 1 MiB");
    assertThatThrownBy(() -> store.readText(huge)).hasMessageContaining("larger than 1 MiB");
  }

  @Test
  void aSymbolicLinkIsNotFollowedAsAPolicyFile() throws Exception {
    Path link = dir.resolve("link.policy.yaml");
    Files.createSymbolicLink(link, otherPolicy());
    assertThatThrownBy(() -> store.read(link))
        .isInstanceOf(PolicyException.class)
        .hasMessageContaining(link.toString())
        .hasMessageContaining("not a regular file");
  }

  @Test
  void readsDoNotWaitForAnUpdateOfAnotherPolicy() throws Exception {
    Path busy = dir.resolve("busy.policy.yaml");
    Path other = otherPolicy();
    CountDownLatch inside = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<Object> updating =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return store.update(
                    busy,
                    policy -> {
                      inside.countDown();
                      awaitQuietly(release);
                      return policy.withEnvironment("BUSY");
                    });
              } catch (PolicyException e) {
                return e;
              }
            },
            executor);
    try {
      assertThat(inside.await(BOUND.toSeconds(), TimeUnit.SECONDS)).isTrue();
      CompletableFuture<Object> read =
          CompletableFuture.supplyAsync(() -> outcome(other), executor);
      await().atMost(BOUND).until(read::isDone);
      assertThat(((Policy) read.get()).environment()).containsExactly("OTHER");
    } finally {
      release.countDown();
    }
    await().atMost(BOUND).until(updating::isDone);
    assertThat(store.read(busy).environment()).containsExactly("BUSY");
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void anUpdateThatWouldOutgrowTheSizeCapIsRefusedAndTheFileStaysReadable() throws Exception {
    Path file = dir.resolve("many.policy.yaml");
    store.update(file, p -> p.withEnvironment("KEPT"));
    String segment = "/" + "d".repeat(1000);
    assertThatThrownBy(
            () ->
                store.update(
                    file,
                    p -> {
                      Policy grown = p;
                      for (int i = 0; i < 300; i++) {
                        String uri = "fs:///tmp/grant" + i + segment.repeat(4);
                        grown = grown.withStorage(new StorageGrant(uri, Set.of(Access.READ)));
                      }
                      return grown;
                    }))
        .isInstanceOf(PolicyException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("larger than 1 MiB");
    assertThat(Files.size(file)).isLessThan(1L << 20);
    assertThat(store.read(file).environment()).containsExactly("KEPT");
    assertThat(store.read(file).storage()).isEmpty();
  }

  @Test
  void aPolicyFileGrantingProcIsRefusedByName() throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("proc.policy.yaml"),
            "permissions:\n  storage:\n    allow:\n      - uri: fs:///proc\n        access: [read]\n");
    assertThatThrownBy(() -> store.read(file))
        .isInstanceOf(PolicyException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("fs:///proc");
  }

  @Test
  void aPolicyFileGrantingALinkToTheRootIsRefusedButTheGrantCanBeRevoked() throws Exception {
    Path root = Files.createSymbolicLink(dir.resolve("root"), Path.of("/"));
    String uri = "fs://" + root;
    Path file =
        Files.writeString(
            dir.resolve("root.policy.yaml"),
            "permissions:\n  storage:\n    allow:\n      - uri: "
                + uri
                + "\n        access: [read]\n");
    assertThatThrownBy(() -> store.read(file))
        .hasMessageContaining(file.toString())
        .hasMessageContaining("filesystem root");
    assertThatThrownBy(() -> store.update(file, p -> p.withEnvironment("K")))
        .hasMessageContaining("filesystem root");
    assertThat(store.update(file, p -> p.withoutStorage(uri)).storage()).isEmpty();
    assertThat(store.read(file)).isEqualTo(Policy.denyAll());
  }
}
