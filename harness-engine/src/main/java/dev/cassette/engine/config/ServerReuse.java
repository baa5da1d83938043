package dev.cassette.engine.config;

import org.apiguardian.api.API;

/** How long a started server lives. */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public enum ServerReuse {
  /** A fresh server for every tape (the default). */
  TAPE,
  /** One server shared by the tapes of a suite, or of the whole run outside suites. */
  SUITE
}
