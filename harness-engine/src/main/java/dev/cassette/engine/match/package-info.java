/**
 * Matching: the five levels of matcher settings, the json-unit comparison, notification windows and
 * the failure report.
 */
package dev.cassette.engine.match;
