/**
 * The engine's test descriptors: suite, tape and exchange, thin nodes that delegate their work to
 * the execution context, and the unique id segment types.
 */
package dev.cassette.engine.descriptor;
