package dev.cassette.host.wasm;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.WasmModule;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;
import org.apiguardian.api.API;

/**
 * A parsed component (compiled in the background), ready to be instantiated once per call.
 * Thread-safe.
 *
 * <p>Instances are created by {@link WasmRuntime}; this class only holds what is shared.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class GuestModule {
  private final String id;
  private final Path path;
  private final String sha256;
  private final ModuleCode code;
  private final ComponentDescription description;

  GuestModule(
      String id, Path path, String sha256, ModuleCode code, ComponentDescription description) {
    this.id = id;
    this.path = path;
    this.sha256 = sha256;
    this.code = code;
    this.description = description;
  }

  /** The component id: the file name without {@code .wasm}. */
  public String id() {
    return id;
  }

  /** The file it was loaded from. */
  public Path path() {
    return path;
  }

  /** The hex SHA-256 of its bytes. */
  public String sha256() {
    return sha256;
  }

  /** What the component says about itself. */
  public ComponentDescription description() {
    return description;
  }

  /** The tool with MCP name {@code toolName}, if the component has it. */
  public Optional<ToolDescription> tool(String toolName) {
    return description.tools().stream().filter(t -> t.toolName().equals(toolName)).findFirst();
  }

  /**
   * Whether new instances run compiled JVM bytecode; {@code false} while the background compile is
   * pending (calls then run in the interpreter, with the same results) or if it failed.
   */
  public boolean isCompiled() {
    return code.isCompiled();
  }

  /**
   * Completes when the background compile of this module has finished (successfully or not); it
   * starts at the module's first tool call in this JVM.
   */
  public java.util.concurrent.CompletionStage<Void> compilation() {
    return code.compilation().minimalCompletionStage();
  }

  /** Queues the background compile if not done yet (called before each tool call). */
  void requestCompile() {
    code.requestCompile();
  }

  WasmModule module() {
    return code.module();
  }

  Function<Instance, Machine> machineFactory() {
    return code.machines();
  }
}
