package dev.cassette.host.components;

import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.wasi.WasiOptions;
import com.dylibso.chicory.wasi.WasiPreview1;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.ValType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One instance of a component's {@code .wasm} driven through guest ABI v1 with Chicory only: alloc
 * the argument JSON, call the export, read the packed {@code (ptr << 32) | len} output, free both
 * blocks.
 */
final class Guest implements AutoCloseable {

  private static final Map<String, WasmModule> MODULES = new ConcurrentHashMap<>();

  private final WasiPreview1 wasi;
  private final Instance instance;

  private Guest(WasiPreview1 wasi, Instance instance) {
    this.wasi = wasi;
    this.instance = instance;
  }

  /**
   * The folder holding the built components: the nearest ancestor of the working directory with
   * one.
   */
  static Path componentsDirectory() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("components");
      if (Files.isRegularFile(candidate.resolve("SHA256SUMS"))) {
        return candidate;
      }
    }
    throw new IllegalStateException(
        "no components/SHA256SUMS above " + Path.of("").toAbsolutePath());
  }

  static Guest load(String id, WasiOptions options, HostFunction... imports) {
    WasmModule module =
        MODULES.computeIfAbsent(
            id, key -> Parser.parse(componentsDirectory().resolve(key + ".wasm")));
    WasiPreview1 wasi = WasiPreview1.builder().withOptions(options).build();
    Instance instance =
        Instance.builder(module)
            .withImportValues(
                ImportValues.builder()
                    .addFunction(wasi.toHostFunctions())
                    .addFunction(imports)
                    .build())
            .build();
    instance.export("_initialize").apply();
    return new Guest(wasi, instance);
  }

  /**
   * Loads with no WASI grants and an {@code http_fetch} that fails the test if the guest calls it.
   */
  static Guest load(String id) {
    return load(id, WasiOptions.builder().build(), unusedHttpFetch());
  }

  static HostFunction unusedHttpFetch() {
    return new HostFunction(
        "cassette",
        "http_fetch",
        FunctionType.of(List.of(ValType.I32, ValType.I32), List.of(ValType.I64)),
        (instance, args) -> {
          throw new AssertionError("the guest called cassette.http_fetch unexpectedly");
        });
  }

  String describe() {
    return output(instance.export("cassette_describe").apply()[0]);
  }

  int memoryPages() {
    return instance.memory().pages();
  }

  String call(String export, String argumentsJson) {
    return callBytes(export, argumentsJson.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Calls with raw argument bytes (which need not be valid UTF-8); null when the guest returned 0.
   */
  String callBytes(String export, byte[] arguments) {
    long packed = callPacked(export, arguments);
    return packed == 0 ? null : output(packed);
  }

  long callPacked(String export, byte[] arguments) {
    int ptr = (int) instance.export("cassette_alloc").apply(arguments.length)[0];
    if (ptr == 0) {
      throw new IllegalStateException("cassette_alloc(" + arguments.length + ") returned 0");
    }
    instance.memory().write(ptr, arguments);
    long packed = instance.export(export).apply(ptr, arguments.length)[0];
    instance.export("cassette_free").apply(ptr, arguments.length);
    return packed;
  }

  private String output(long packed) {
    int ptr = (int) (packed >>> 32);
    int len = (int) packed;
    Memory memory = instance.memory();
    String text = new String(memory.readBytes(ptr, len), StandardCharsets.UTF_8);
    instance.export("cassette_free").apply(ptr, len);
    return text;
  }

  /** Writes bytes into this guest through its own allocator, as the host's http_fetch does. */
  static long writeOutput(Instance instance, byte[] bytes) {
    int ptr = (int) instance.export("cassette_alloc").apply(bytes.length)[0];
    instance.memory().write(ptr, bytes);
    return ((long) ptr << 32) | bytes.length;
  }

  @Override
  public void close() {
    wasi.close();
  }
}
