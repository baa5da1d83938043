package dev.cassette.host.wasm;

import org.apiguardian.api.API;

/**
 * A component that cannot be loaded or a call that failed in the host or the guest (trap, time or
 * memory limit, missing output). The message is meant for the client, after {@code Error: }.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class GuestException extends Exception {
  private static final long serialVersionUID = 1L;

  /** A failure with a message for the client. */
  public GuestException(String message) {
    super(message);
  }

  /** A failure with a message for the client, and its cause. */
  public GuestException(String message, Throwable cause) {
    super(message, cause);
  }
}
