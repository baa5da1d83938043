package dev.cassette.host.wasm;

import com.dylibso.chicory.wasi.WasiExitException;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.ExportSection;
import dev.cassette.host.policy.Policy;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apiguardian.api.API;
import tools.jackson.databind.JsonNode;

/**
 * Loads components and runs their tools with Chicory: one fresh instance per call, on a worker
 * thread with a time budget, under the component's policy. Thread-safe; close it to stop the
 * workers.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class WasmRuntime implements AutoCloseable {
  private static final Set<String> REQUIRED_EXPORTS =
      Set.of("memory", "cassette_alloc", "cassette_free", "cassette_describe");

  private final SandboxSettings settings;
  private final ExecutorService workers;
  private volatile HttpClient httpClient;

  /** A runtime with {@code settings}. */
  public WasmRuntime(SandboxSettings settings) {
    this.settings = java.util.Objects.requireNonNull(settings, "settings");
    this.workers = Executors.newCachedThreadPool(daemonThreads());
  }

  /** The settings calls run with. */
  public SandboxSettings settings() {
    return settings;
  }

  /**
   * Parses and describes the component in {@code wasmFile}. A module is compiled to JVM bytecode
   * once per JVM, in the background from its first tool call on; until that has finished its calls
   * run in Chicory's interpreter (same results, slower). Loading therefore costs only the parse and
   * one interpreted describe call, and both are done once per JVM for the same bytes: later loads
   * of an unchanged file (by SHA-256, under the same settings) reuse the parsed module and its
   * description.
   *
   * @param wasmFile a core WebAssembly module following guest ABI v1
   * @param id the component id
   * @throws GuestException saying why the file is not a usable component (a file over 128 MiB is
   *     refused before it is read; whatever the parser throws makes the module invalid)
   */
  public GuestModule load(Path wasmFile, String id) throws GuestException {
    byte[] bytes = ModuleFile.read(wasmFile);
    String sha256 = sha256(bytes);
    ModuleCode code =
        ModuleCache.get(sha256, bytes, wasmFile, module -> checkExports(module, wasmFile));
    GuestModule draft = new GuestModule(id, wasmFile, sha256, code, null);
    ComponentDescription description =
        DescriptionCache.get(DescriptionCache.Key.of(sha256, id, settings), () -> describe(draft));
    return new GuestModule(id, wasmFile, sha256, code, description);
  }

  /** Runs {@code cassette_describe} of {@code module} in a fresh deny-all sandbox. */
  private ComponentDescription describe(GuestModule module) throws GuestException {
    String described =
        run(
            "describing component " + module.id(),
            () -> {
              try (GuestSandbox sandbox = sandbox(module, Policy.denyAll(), "cassette_describe")) {
                return sandbox.describe();
              }
            });
    return ComponentDescription.parse(described, module.id());
  }

  /**
   * Waits until the background compiles requested so far in this JVM (by the first call of each
   * module) have finished, for benchmarks and tools that want compiled code in measured calls.
   *
   * @return whether they finished within {@code timeout}
   * @throws InterruptedException if interrupted while waiting
   */
  public static boolean awaitCompilations(Duration timeout) throws InterruptedException {
    java.util.Objects.requireNonNull(timeout, "timeout");
    return ModuleCache.awaitCompilations(timeout);
  }

  /**
   * Calls {@code tool} of {@code module} with {@code arguments} under {@code policy}.
   *
   * @return the guest's return value (for a {@code result} type, {@code {"ok": ...}} or {@code
   *     {"err": ...}})
   * @throws GuestException if the guest traps, exceeds a limit, or returns no or invalid output
   */
  public JsonNode call(GuestModule module, ToolDescription tool, JsonNode arguments, Policy policy)
      throws GuestException {
    module.requestCompile();
    String what = "tool '" + tool.toolName() + "' of component '" + module.id() + "'";
    return run(
        what,
        () -> {
          try (GuestSandbox sandbox = sandbox(module, policy, tool.toolName())) {
            return sandbox.call(tool.export(), arguments);
          }
        });
  }

  /**
   * Runs {@code task} on one of the runtime's worker threads, the threads that run calls (so a
   * later call can reuse it instead of starting a thread); {@link #close()} interrupts it.
   */
  public void background(Runnable task) {
    workers.execute(java.util.Objects.requireNonNull(task, "task"));
  }

  private GuestSandbox sandbox(GuestModule module, Policy policy, String toolName)
      throws GuestException {
    long memoryLimit = policy.memoryLimitBytes().orElse(settings.defaultMemoryLimitBytes());
    return GuestSandbox.create(module, policy, settings, toolName, memoryLimit, this::httpClient);
  }

  /**
   * The client for {@code cassette.http_fetch}, built at first use: building one initialises TLS,
   * which costs a noticeable part of the host's start-up.
   */
  private HttpClient httpClient() {
    HttpClient client = httpClient;
    if (client == null) {
      synchronized (this) {
        client = httpClient;
        if (client == null) {
          client =
              HttpClient.newBuilder()
                  .connectTimeout(min(settings.callTimeout(), Duration.ofSeconds(5)))
                  .followRedirects(HttpClient.Redirect.NEVER)
                  .build();
          httpClient = client;
        }
      }
    }
    return client;
  }

  private <T> T run(String what, Callable<T> task) throws GuestException {
    Future<T> future = workers.submit(() -> guarded(what, task));
    long millis = settings.callTimeout().toMillis();
    try {
      return future.get(millis, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      future.cancel(true);
      throw new GuestException(what + " exceeded the time limit of " + millis + " ms", e);
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      throw new GuestException(what + " was interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof GuestException guest) {
        throw guest;
      }
      throw new GuestException(what + " failed: " + e.getCause(), e.getCause());
    }
  }

  private static <T> T guarded(String what, Callable<T> task) throws Exception {
    try {
      return task.call();
    } catch (WasiExitException e) {
      throw new GuestException(what + " exited with code " + e.exitCode(), e);
    } catch (ChicoryException e) {
      throw new GuestException(what + " trapped: " + e.getMessage(), e);
    } catch (StackOverflowError e) {
      throw new GuestException(what + " exhausted the call stack", e);
    } finally {
      Thread.interrupted();
    }
  }

  private static void checkExports(WasmModule module, Path wasmFile) throws GuestException {
    ExportSection exports = module.exportSection();
    java.util.Set<String> names = new java.util.HashSet<>();
    for (int i = 0; i < exports.exportCount(); i++) {
      names.add(exports.getExport(i).name());
    }
    for (String required : REQUIRED_EXPORTS) {
      if (!names.contains(required)) {
        throw new GuestException(
            wasmFile + " is not a Cassette component: it does not export '" + required + "'");
      }
    }
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private static ThreadFactory daemonThreads() {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, "wasm-call-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  /** Stops the worker threads, interrupting calls still running; waits at most two seconds. */
  @Override
  public void close() {
    workers.shutdownNow();
    try {
      workers.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
