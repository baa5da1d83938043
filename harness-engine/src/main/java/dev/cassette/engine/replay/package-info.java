/**
 * Replay: choosing and starting the server, sending a tape's client messages, answering server
 * requests, collecting responses and notifications within bounded waits.
 */
package dev.cassette.engine.replay;
