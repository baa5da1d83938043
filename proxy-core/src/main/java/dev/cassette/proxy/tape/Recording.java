package dev.cassette.proxy.tape;

import org.apiguardian.api.API;
import tools.jackson.databind.node.ObjectNode;

/**
 * When and with what a tape was recorded.
 *
 * @param at the instant recording started, ISO-8601 UTC (for example {@code 2026-11-25T12:00:00Z})
 * @param by the recorder, for example {@code cassette 0.1.0}
 * @param extensions unknown fields, kept for rewrite, or {@code null}
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record Recording(String at, String by, ObjectNode extensions) {}
