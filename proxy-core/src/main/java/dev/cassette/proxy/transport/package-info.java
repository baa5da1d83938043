/**
 * Transports to live MCP servers: newline-delimited framing ({@link
 * dev.cassette.proxy.transport.LineReader}), stdio child processes ({@link
 * dev.cassette.proxy.transport.ChildProcess}), embedded servers, this process's own stdio ({@link
 * dev.cassette.proxy.transport.StdioSelf}), and the line-at-a-time {@link
 * dev.cassette.proxy.transport.ServerConnection} that {@link
 * dev.cassette.proxy.transport.ServerConnections} opens from a tape's server spec.
 */
package dev.cassette.proxy.transport;
