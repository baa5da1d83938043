/* clock-random: wall-clock time and randomness from WASI (virtualised by a deterministic host). */
#include <stdio.h>
#include <time.h>
#include <unistd.h>

#include "../sdk/cassette.h"

const char cassette_description[] =
    "{\"description\":\"Reads the wall clock and random numbers; a deterministic host makes both "
    "repeatable.\","
    "\"tools\":["
    "{\"export\":\"now\",\"interface\":null,"
    "\"description\":\"Returns the current UTC time as ISO-8601 with milliseconds, e.g. "
    "2026-01-31T12:00:00.000Z.\","
    "\"params\":[],"
    "\"result\":\"string\"},"
    "{\"export\":\"random-int\",\"interface\":null,"
    "\"description\":\"Returns a uniformly distributed integer between min and max, both included.\","
    "\"params\":[{\"name\":\"min\",\"type\":\"s64\"},{\"name\":\"max\",\"type\":\"s64\"}],"
    "\"result\":{\"result\":{\"ok\":\"s64\",\"err\":\"string\"}}},"
    "{\"export\":\"uuid\",\"interface\":null,"
    "\"description\":\"Returns a random (version 4) UUID.\","
    "\"params\":[],"
    "\"result\":\"string\"}"
    "]}";

static bool now(const cassette_object *args, cassette_buf *out) {
  (void)args;
  struct timespec ts;
  struct tm utc;
  if (clock_gettime(CLOCK_REALTIME, &ts) != 0 || gmtime_r(&ts.tv_sec, &utc) == NULL) return false;
  char text[40];
  snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d.%03ldZ", utc.tm_year + 1900,
           utc.tm_mon + 1, utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec, ts.tv_nsec / 1000000L);
  cassette_string_cstr(out, text);
  return true;
}

static bool random_u64(uint64_t *value) {
  unsigned char bytes[8];
  if (getentropy(bytes, sizeof bytes) != 0) return false;
  *value = 0;
  for (int i = 0; i < 8; i++) *value = (*value << 8) | bytes[i];
  return true;
}

static bool random_int(const cassette_object *args, cassette_buf *out) {
  int64_t min, max;
  if (!cassette_arg_i64(args, "min", &min, out) || !cassette_arg_i64(args, "max", &max, out)) {
    return false;
  }
  if (min > max) return cassette_err(out, "min must not be greater than max");
  /* Rejection sampling over the whole u64 range keeps every value equally likely. */
  uint64_t span = (uint64_t)max - (uint64_t)min; /* number of values minus one */
  uint64_t draw;
  if (!random_u64(&draw)) return cassette_err(out, "no randomness available");
  if (span != UINT64_MAX) {
    uint64_t range = span + 1;
    uint64_t limit = UINT64_MAX - (UINT64_MAX % range + 1) % range;
    while (draw > limit) {
      if (!random_u64(&draw)) return cassette_err(out, "no randomness available");
    }
    draw %= range;
  }
  cassette_raw_cstr(out, "{\"ok\":");
  cassette_i64(out, (int64_t)((uint64_t)min + draw));
  cassette_raw_cstr(out, "}");
  return true;
}

static bool uuid(const cassette_object *args, cassette_buf *out) {
  (void)args;
  unsigned char b[16];
  if (getentropy(b, sizeof b) != 0) return false;
  b[6] = (unsigned char)((b[6] & 0x0F) | 0x40); /* version 4 */
  b[8] = (unsigned char)((b[8] & 0x3F) | 0x80); /* RFC 4122 variant */
  char text[37];
  snprintf(text, sizeof text,
           "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", b[0], b[1], b[2],
           b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]);
  cassette_string_cstr(out, text);
  return true;
}

CASSETTE_TOOL("now", now, false)
CASSETTE_TOOL("random-int", random_int, true)
CASSETTE_TOOL("uuid", uuid, false)
