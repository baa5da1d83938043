package dev.cassette.host.wasm;

import com.dylibso.chicory.runtime.ByteArrayMemory;
import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.wasi.WasiOptions;
import com.dylibso.chicory.wasi.WasiPreview1;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import dev.cassette.host.policy.Policy;
import dev.cassette.host.policy.StorageGrant;
import dev.cassette.proxy.jsonrpc.Json;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/** One instance of a component for one call, with its WASI context built from the policy. */
final class GuestSandbox implements AutoCloseable {
  private static final int PAGE_SIZE = 65_536;

  private final GuestModule module;
  private final WasiPreview1 wasi;
  private final Instance instance;

  private GuestSandbox(GuestModule module, WasiPreview1 wasi, Instance instance) {
    this.module = module;
    this.wasi = wasi;
    this.instance = instance;
  }

  static GuestSandbox create(
      GuestModule module,
      Policy policy,
      SandboxSettings settings,
      String toolName,
      long memoryLimitBytes,
      Supplier<HttpClient> httpClient)
      throws GuestException {
    WasiOptions.Builder options = WasiOptions.builder();
    List<FilesystemGuard.Preopen> preopens = new ArrayList<>();
    for (StorageGrant grant : policy.storage()) {
      Path dir = grant.path();
      if (!Files.isDirectory(dir)) {
        continue;
      }
      try {
        Path real = dir.toRealPath();
        options.withDirectory(dir.toString(), real);
        preopens.add(new FilesystemGuard.Preopen(real, grant.readOnly()));
      } catch (IOException e) {
        throw new GuestException("cannot open granted directory " + dir + ": " + e, e);
      }
    }
    for (String key : policy.environment()) {
      String value = settings.environment().get(key);
      if (value != null) {
        options.withEnvironment(key, value);
      }
    }
    VirtualClock clock = new VirtualClock();
    if (settings.deterministic()) {
      options.withRandom(new Random(mix(settings.seed(), module.id() + "/" + toolName)));
      options.withClock(Clock.fixed(VirtualClock.START, ZoneOffset.UTC));
    }
    WasiPreview1 wasi = WasiPreview1.builder().withOptions(options.build()).build();
    HostFunction[] functions = new FilesystemGuard(wasi, preopens).apply(wasi.toHostFunctions());
    if (settings.deterministic()) {
      functions = new DeterministicWasi(clock).apply(functions);
    }
    functions = WasiMemoryBounds.apply(functions);
    HttpFetch fetch =
        new HttpFetch(policy.network(), httpClient, settings.callTimeout(), memoryLimitBytes);
    int capPages = (int) Math.min(MemoryLimits.MAX_PAGES, memoryLimitBytes / PAGE_SIZE);
    try {
      Instance instance =
          Instance.builder(module.module())
              .withImportValues(
                  ImportValues.builder()
                      .addFunction(functions)
                      .addFunction(fetch.function())
                      .build())
              .withMachineFactory(module.machineFactory())
              .withMemoryFactory(limits -> memory(limits, capPages, memoryLimitBytes))
              .build();
      if (hasExport(module, "_initialize")) {
        instance.export("_initialize").apply();
      }
      return new GuestSandbox(module, wasi, instance);
    } catch (RuntimeException e) {
      wasi.close();
      throw e;
    }
  }

  private static ByteArrayMemory memory(MemoryLimits limits, int capPages, long capBytes) {
    if (limits.initialPages() > capPages) {
      throw new IllegalStateException(
          "the memory limit of "
              + capBytes
              + " bytes is below the module's initial memory of "
              + (long) limits.initialPages() * PAGE_SIZE
              + " bytes");
    }
    return new ByteArrayMemory(
        new MemoryLimits(limits.initialPages(), Math.min(limits.maximumPages(), capPages)));
  }

  private static boolean hasExport(GuestModule module, String name) {
    var exports = module.module().exportSection();
    for (int i = 0; i < exports.exportCount(); i++) {
      if (exports.getExport(i).name().equals(name)) {
        return true;
      }
    }
    return false;
  }

  String describe() throws GuestException {
    long packed = instance.export("cassette_describe").apply()[0];
    return read(packed, "cassette_describe");
  }

  JsonNode call(String export, JsonNode arguments) throws GuestException {
    byte[] bytes = Json.compactBytes(arguments);
    long ptr = instance.export("cassette_alloc").apply(bytes.length)[0];
    if (ptr == 0) {
      throw new GuestException(
          "component '" + module.id() + "' could not allocate memory for the arguments");
    }
    GuestMemory.write(
        instance.memory(), GuestMemory.unsigned(ptr), bytes, "cassette_alloc", "returned block");
    long packed = instance.export(export).apply(ptr, bytes.length)[0];
    String output = read(packed, export);
    try {
      return Json.mapper().readTree(output);
    } catch (JacksonException e) {
      throw new GuestException(
          "component '" + module.id() + "' returned invalid JSON from '" + export + "'", e);
    }
  }

  private String read(long packed, String export) throws GuestException {
    if (packed == 0) {
      throw new GuestException(
          "component '"
              + module.id()
              + "' produced no output from '"
              + export
              + "' (out of memory or failed)");
    }
    long ptr = packed >>> 32;
    long len = GuestMemory.unsigned(packed);
    Memory memory = instance.memory();
    if (!GuestMemory.contains(memory, ptr, len)) {
      throw new GuestException(
          "component '"
              + module.id()
              + "' returned invalid output from '"
              + export
              + "': "
              + GuestMemory.describe(memory, ptr, len, "output"));
    }
    return memory.readString((int) ptr, (int) len, StandardCharsets.UTF_8);
  }

  /** A seed for one tool: the host seed mixed with a stable hash of the tool's name. */
  static long mix(long seed, String name) {
    long hash = 0xcbf29ce484222325L;
    for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
      hash = (hash ^ (b & 0xff)) * 0x100000001b3L;
    }
    return seed ^ hash;
  }

  @Override
  public void close() {
    wasi.close();
  }
}
