/**
 * Redaction: {@link dev.cassette.proxy.redact.Redactor} keeps secrets out of tapes, logs and error
 * messages by replacing them with {@code ${secret:NAME}} placeholders, and puts them back on
 * replay.
 */
package dev.cassette.proxy.redact;
