/** Re-recording: rewriting a tape from live traffic while keeping match blocks and placeholders. */
package dev.cassette.engine.record;
