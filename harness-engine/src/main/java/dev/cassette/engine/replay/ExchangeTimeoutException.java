package dev.cassette.engine.replay;

/** The server did not answer within the exchange timeout. */
final class ExchangeTimeoutException extends Exception {
  private static final long serialVersionUID = 1L;

  ExchangeTimeoutException(String message) {
    super(message);
  }
}
