package dev.cassette.annotations;

import org.apiguardian.api.API;

/** A yes/no setting that can also be left to the level below (configuration or defaults). */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public enum Flag {
  /** Not set here: the configuration or the built-in default decides. */
  INHERIT,
  /** On. */
  TRUE,
  /** Off. */
  FALSE
}
