package dev.cassette.host.wasm;

import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Parsed modules by the SHA-256 of their bytes, shared by every runtime in the JVM (replaying many
 * tapes starts many hosts on the same components), each compiled once, when first called, on a
 * small pool of daemon threads while the interpreter serves its first calls.
 */
final class ModuleCache {
  private static final int SIZE = 64;
  private static final int COMPILE_THREADS =
      Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors() / 2));
  private static final Duration MAX_HOLD = Duration.ofMinutes(2);

  private static final Map<String, ModuleCode> MODULES =
      Collections.synchronizedMap(
          new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, ModuleCode> eldest) {
              return size() > SIZE;
            }
          });

  private static final ThreadPoolExecutor COMPILER = compilerPool();
  private static final Object HOLD = new Object();
  private static int holds;

  private ModuleCache() {}

  /**
   * The shared code of the module with {@code sha256}, parsed now if new (cheap); it is compiled in
   * the background once first called ({@link ModuleCode#requestCompile()}).
   *
   * @param what names the module in errors (its file)
   * @param check refuses a parsed module that cannot be used (then it is neither kept nor compiled)
   * @throws GuestException if the bytes are not a WebAssembly module (whatever the parser throws),
   *     or {@code check} refuses it
   */
  static ModuleCode get(String sha256, byte[] bytes, Object what, Check check)
      throws GuestException {
    ModuleCode cached = MODULES.get(sha256);
    if (cached != null) {
      return cached;
    }
    WasmModule module;
    try {
      module = Parser.parse(bytes);
    } catch (ChicoryException e) {
      throw new GuestException(what + " is not a valid WebAssembly module: " + e.getMessage(), e);
    } catch (RuntimeException | Error e) {
      // Chicory's parser trusts some declared sizes and states (a data segment of 0xFFFFFFF0
      // bytes, a mutated code body): whatever it throws, the module is unusable.
      throw new GuestException(what + " is not a valid WebAssembly module: " + e, e);
    }
    check.accept(module);
    ModuleCode fresh = new ModuleCode(module);
    ModuleCode winner = MODULES.putIfAbsent(sha256, fresh);
    return winner != null ? winner : fresh;
  }

  /** Queues {@code code} for compilation on the background pool. */
  static void compileInBackground(ModuleCode code) {
    COMPILER.execute(
        () -> {
          awaitNoHold();
          code.compile();
        });
  }

  /**
   * Waits until every compile requested so far has finished.
   *
   * @return whether they all finished within {@code timeout}
   */
  static boolean awaitCompilations(Duration timeout) throws InterruptedException {
    List<CompletableFuture<Void>> pending = new ArrayList<>();
    synchronized (MODULES) {
      MODULES.values().stream()
          .filter(ModuleCode::compileRequested)
          .forEach(code -> pending.add(code.compilation()));
    }
    try {
      CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new))
          .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (ExecutionException e) {
      throw new IllegalStateException("a compile failed unexpectedly", e.getCause());
    }
  }

  /**
   * Holds back compiles not yet started until the returned hold is closed (or for at most two
   * minutes), so tests can observe the host before its modules are compiled.
   */
  static Hold holdCompilations() {
    synchronized (HOLD) {
      holds++;
    }
    return () -> {
      synchronized (HOLD) {
        holds--;
        HOLD.notifyAll();
      }
    };
  }

  /** Holds back compiles while open. */
  interface Hold extends AutoCloseable {
    @Override
    void close();
  }

  /** Validates a freshly parsed module. */
  @FunctionalInterface
  interface Check {
    void accept(WasmModule module) throws GuestException;
  }

  private static void awaitNoHold() {
    long deadline = System.nanoTime() + MAX_HOLD.toNanos();
    synchronized (HOLD) {
      long left;
      while (holds > 0 && (left = deadline - System.nanoTime()) > 0) {
        try {
          TimeUnit.NANOSECONDS.timedWait(HOLD, left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  private static ThreadPoolExecutor compilerPool() {
    AtomicInteger count = new AtomicInteger();
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            COMPILE_THREADS,
            COMPILE_THREADS,
            30,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            runnable -> {
              Thread thread = new Thread(runnable, "wasm-compile-" + count.incrementAndGet());
              thread.setDaemon(true);
              thread.setPriority(Thread.MIN_PRIORITY);
              return thread;
            });
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }
}
