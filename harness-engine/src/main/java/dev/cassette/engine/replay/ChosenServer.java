package dev.cassette.engine.replay;

import dev.cassette.proxy.tape.ServerSpec;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * The server a tape is replayed against, and why it was chosen.
 *
 * @param spec the server
 * @param environment environment values for it (secrets: never shown)
 * @param origin where it was named: a configuration key, {@code @Server on …}, {@code the tape's
 *     server block} or {@code the embedded wassette host}
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public record ChosenServer(ServerSpec spec, Map<String, String> environment, String origin) {

  /** Copies the map. */
  public ChosenServer {
    environment = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(environment));
  }

  /** The server in words, without environment values. */
  public String describe() {
    String what =
        switch (spec.transport()) {
          case ServerSpec.STDIO -> "command " + String.join(" ", spec.command());
          case ServerSpec.EMBEDDED ->
              "embedded server "
                  + (spec.embedded() == null ? "?" : spec.embedded().path("name").asString());
          default -> spec.transport() + " " + spec.url();
        };
    return what + " (from " + origin + ")";
  }
}
