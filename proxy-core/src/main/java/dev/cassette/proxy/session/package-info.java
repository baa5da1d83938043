/**
 * Relaying a live MCP session: the {@link dev.cassette.proxy.session.SessionPump} copies lines
 * between a client and a launched server, byte for byte, and tells a {@link
 * dev.cassette.proxy.session.SessionListener} (the recorder) what went by.
 */
package dev.cassette.proxy.session;
