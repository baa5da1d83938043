package dev.cassette.engine.descriptor;

import org.apiguardian.api.API;

/**
 * Segment types of the engine's unique ids: {@code [engine:cassette]/[suite:<class>]/[tape:<uri>]/
 * [exchange:<n>]}, where the suite segment is present only for tapes run by a {@code @TapeSuite}
 * class, the tape value is a {@code file:} or {@code classpath:} URI, and the exchange value is the
 * exchange's 1-based number.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class UniqueIds {

  /** Segment type of a {@code @TapeSuite} class: {@value}; the value is the class name. */
  public static final String SUITE_SEGMENT_TYPE = "suite";

  /** Segment type of a tape: {@value}; the value is the tape's URI. */
  public static final String TAPE_SEGMENT_TYPE = "tape";

  /** Segment type of an exchange: {@value}; the value is its 1-based number. */
  public static final String EXCHANGE_SEGMENT_TYPE = "exchange";

  private UniqueIds() {}
}
