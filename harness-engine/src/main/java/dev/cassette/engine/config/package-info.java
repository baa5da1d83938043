/**
 * Reading the engine's configuration parameters (`cassette.*`) with defaults, and the record modes.
 */
package dev.cassette.engine.config;
