package dev.cassette.proxy.record;

import dev.cassette.proxy.redact.Redactor;

/** Redactors for tests of the recorder's plumbing. */
final class TestRedactions {

  private TestRedactions() {}

  /** Replaces one canary value with {@code ${secret:CANARY}}. */
  static Redactor canary(String value) {
    return Redactor.none().withSecret("CANARY", value);
  }
}
