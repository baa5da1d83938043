/*
 * Hostile test guest for the Cassette Wasm host: a valid guest ABI v1 component whose one tool,
 * "nested", takes a parameter whose WIT-style type is a list nested 400 deep (list<list<...<u8>>>).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "guest.h"

#define DEPTH 400

static const char HEAD[] =
    "{\"description\":\"a type nested 400 deep\",\"tools\":[{\"export\":\"nested\","
    "\"description\":\"takes a deeply nested list\",\"params\":[{\"name\":\"x\",\"type\":";
static const char OPEN[] = "{\"list\":";
static const char LEAF[] = "\"u8\"";
static const char TAIL[] = "}],\"result\":\"string\"}]}";

EXPORT("cassette_describe") int64_t cassette_describe(void) {
  size_t len = strlen(HEAD) + DEPTH * strlen(OPEN) + strlen(LEAF) + DEPTH + strlen(TAIL);
  char *out = malloc(len + 1);
  char *p = out;
  p = stpcpy(p, HEAD);
  for (int i = 0; i < DEPTH; i++) p = stpcpy(p, OPEN);
  p = stpcpy(p, LEAF);
  for (int i = 0; i < DEPTH; i++) *p++ = '}';
  p = stpcpy(p, TAIL);
  return ((int64_t)(uintptr_t)out << 32) | (int64_t)(p - out);
}

EXPORT("nested") int64_t nested(const char *args, int32_t len) {
  static const char OUT[] = "\"flat\"";
  char *out = malloc(sizeof OUT);
  memcpy(out, OUT, sizeof OUT);
  return ((int64_t)(uintptr_t)out << 32) | (int64_t)(sizeof OUT - 1);
}
