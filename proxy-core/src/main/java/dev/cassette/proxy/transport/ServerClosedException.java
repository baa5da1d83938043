package dev.cassette.proxy.transport;

import java.io.IOException;
import org.apiguardian.api.API;

/** The server closed its output or exited; the message says how and includes its stderr tail. */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public class ServerClosedException extends IOException {

  private static final long serialVersionUID = 1L;

  private final String diagnosticsTail;

  /** Creates the exception. */
  public ServerClosedException(String message, String diagnosticsTail) {
    super(
        diagnosticsTail == null || diagnosticsTail.isBlank()
            ? message
            : message + "\n--- server stderr (tail) ---\n" + diagnosticsTail);
    this.diagnosticsTail = diagnosticsTail == null ? "" : diagnosticsTail;
  }

  /** The server's last stderr lines. */
  public String diagnosticsTail() {
    return diagnosticsTail;
  }
}
