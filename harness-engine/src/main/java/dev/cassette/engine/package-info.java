/**
 * The cassette JUnit Platform test engine, its configuration constants and its public extension
 * points.
 */
package dev.cassette.engine;
