/**
 * Matching helpers shared by the engine's json-unit comparison and {@code cassette serve}: regular
 * expression placeholders matched within a time budget ({@link
 * dev.cassette.proxy.match.BoundedRegex}).
 */
package dev.cassette.proxy.match;
