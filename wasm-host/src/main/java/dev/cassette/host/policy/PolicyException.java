package dev.cassette.host.policy;

import org.apiguardian.api.API;

/** A policy file that cannot be read, parsed or written; the message names the file. */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class PolicyException extends Exception {
  private static final long serialVersionUID = 1L;

  /** A failure with a message that names the file and what is wrong. */
  public PolicyException(String message) {
    super(message);
  }

  /** A failure with a message that names the file, and its cause. */
  public PolicyException(String message, Throwable cause) {
    super(message, cause);
  }
}
