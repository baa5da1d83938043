package dev.cassette.host.wasm;

import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.InterpreterMachine;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.WasmModule;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * A parsed module and the machines that run it: Chicory's interpreter until the background compile
 * to JVM bytecode has finished, the compiled machine factory from then on. Both run the same module
 * with the same semantics, so a call's result does not depend on which one ran it. Thread-safe;
 * shared by every runtime in the JVM through {@link ModuleCache}.
 */
final class ModuleCode {
  private final WasmModule module;
  private final CompletableFuture<Void> compilation = new CompletableFuture<>();
  private volatile Function<Instance, Machine> machines = InterpreterMachine::new;
  private final AtomicBoolean compileRequested = new AtomicBoolean();
  private volatile boolean compiled;

  ModuleCode(WasmModule module) {
    this.module = module;
  }

  WasmModule module() {
    return module;
  }

  /** The machine factory for a new instance: compiled once available, else the interpreter. */
  Function<Instance, Machine> machines() {
    return machines;
  }

  /** Whether calls run compiled code (false while compiling, and if compilation failed). */
  boolean isCompiled() {
    return compiled;
  }

  /**
   * Queues the background compile, once: modules are compiled when first called, so a host starts
   * without compiling anything and components never called cost no compile.
   */
  void requestCompile() {
    if (compileRequested.compareAndSet(false, true)) {
      ModuleCache.compileInBackground(this);
    }
  }

  boolean compileRequested() {
    return compileRequested.get();
  }

  /** Completes when the compile has finished, whether it succeeded or not. */
  CompletableFuture<Void> compilation() {
    return compilation;
  }

  /**
   * Compiles to JVM bytecode and switches new instances to it; the interpreter stays if compilation
   * fails (Chicory's compiler refuses some very large functions).
   */
  void compile() {
    try {
      machines = MachineFactoryCompiler.compile(module);
      compiled = true;
    } catch (RuntimeException | LinkageError e) {
      machines = InterpreterMachine::new;
    } finally {
      compilation.complete(null);
    }
  }
}
