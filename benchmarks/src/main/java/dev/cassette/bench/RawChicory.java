package dev.cassette.bench;

import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasi.WasiOptions;
import com.dylibso.chicory.wasi.WasiPreview1;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.FunctionImport;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.Import;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The direct path: a component run on Chicory without MCP or the host, through guest ABI v1 (WASI
 * with no grants; other imports answer 0, that is "no output").
 */
final class RawChicory implements AutoCloseable {
  private final WasmModule module;
  private final Function<Instance, Machine> machines;
  private final WasiPreview1 wasi;
  private final ImportValues imports;

  private RawChicory(WasmModule module, Function<Instance, Machine> machines) {
    this.module = module;
    this.machines = machines;
    this.wasi = WasiPreview1.builder().withOptions(WasiOptions.builder().build()).build();
    List<HostFunction> functions = new ArrayList<>(List.of(wasi.toHostFunctions()));
    for (int i = 0; i < module.importSection().importCount(); i++) {
      Import imported = module.importSection().getImport(i);
      if (imported instanceof FunctionImport function
          && !imported.module().equals("wasi_snapshot_preview1")) {
        FunctionType type = module.typeSection().getType(function.typeIndex());
        long[] zeros = new long[type.returns().size()];
        functions.add(
            new HostFunction(imported.module(), imported.name(), type, (inst, args) -> zeros));
      }
    }
    this.imports =
        ImportValues.builder().addFunction(functions.toArray(HostFunction[]::new)).build();
  }

  /** Times of loading one component, in nanoseconds. */
  record LoadTimes(long parse, long compile, long firstInstance) {}

  /** Parses, compiles and instantiates {@code bytes} once, timing each step. */
  static LoadTimes measureLoad(byte[] bytes) {
    long start = System.nanoTime();
    WasmModule module = Parser.parse(bytes);
    long parsed = System.nanoTime();
    Function<Instance, Machine> machines = MachineFactoryCompiler.compile(module);
    long compiled = System.nanoTime();
    try (RawChicory raw = new RawChicory(module, machines)) {
      raw.instance();
    }
    long instantiated = System.nanoTime();
    return new LoadTimes(parsed - start, compiled - parsed, instantiated - compiled);
  }

  /** A compiled direct path for {@code bytes}. */
  static RawChicory compiled(byte[] bytes) {
    WasmModule module = Parser.parse(bytes);
    return new RawChicory(module, MachineFactoryCompiler.compile(module));
  }

  /** A new instance, {@code _initialize}d. */
  Instance instance() {
    Instance instance =
        Instance.builder(module).withImportValues(imports).withMachineFactory(machines).build();
    instance.export("_initialize").apply();
    return instance;
  }

  /**
   * Calls {@code export} of {@code instance} with JSON arguments as the ABI says: allocate, copy,
   * call, read the packed output, free.
   */
  static String call(Instance instance, String export, byte[] argumentsJson) {
    int length = argumentsJson.length;
    int pointer = (int) instance.export("cassette_alloc").apply(length)[0];
    instance.memory().write(pointer, argumentsJson);
    long packed = instance.export(export).apply(pointer, length)[0];
    instance.export("cassette_free").apply(pointer, length);
    if (packed == 0) {
      throw new IllegalStateException(export + " returned no output");
    }
    int outPointer = (int) (packed >>> 32);
    int outLength = (int) packed;
    String output =
        new String(instance.memory().readBytes(outPointer, outLength), StandardCharsets.UTF_8);
    instance.export("cassette_free").apply(outPointer, outLength);
    return output;
  }

  /** Times {@code count} calls on one warm instance. */
  long[] timeWarmInstance(int count, String export, String argumentsJson) {
    byte[] arguments = argumentsJson.getBytes(StandardCharsets.UTF_8);
    Instance instance = instance();
    long[] nanos = new long[count];
    for (int i = 0; i < count; i++) {
      long start = System.nanoTime();
      call(instance, export, arguments);
      nanos[i] = System.nanoTime() - start;
    }
    return nanos;
  }

  /** Times {@code count} calls each on a fresh instance, as the host runs every call. */
  long[] timeFreshInstances(int count, String export, String argumentsJson) {
    byte[] arguments = argumentsJson.getBytes(StandardCharsets.UTF_8);
    long[] nanos = new long[count];
    for (int i = 0; i < count; i++) {
      long start = System.nanoTime();
      call(instance(), export, arguments);
      nanos[i] = System.nanoTime() - start;
    }
    return nanos;
  }

  @Override
  public void close() {
    wasi.close();
  }
}
