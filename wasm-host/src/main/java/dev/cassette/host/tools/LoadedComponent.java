package dev.cassette.host.tools;

import dev.cassette.host.wasm.GuestModule;
import java.nio.file.Path;
import org.apiguardian.api.API;

/**
 * A component the host has loaded.
 *
 * @param module the compiled module
 * @param source where it was loaded from, as the client gave it
 * @param policyFile its co-located {@code <id>.policy.yaml} (may not exist)
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record LoadedComponent(GuestModule module, String source, Path policyFile) {
  /** The component id. */
  public String id() {
    return module.id();
  }
}
