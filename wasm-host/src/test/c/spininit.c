/*
 * Hostile test guest for the Cassette Wasm host: its constructor, run by the reactor's
 * _initialize before every export, never returns, so describing it exhausts the time budget.
 */
#include <stdint.h>
#include <stdlib.h>

#include "guest.h"

static volatile int64_t turns;

__attribute__((constructor)) static void spin_forever(void) {
  for (;;) turns++;
}

static const char DESCRIPTION[] =
    "{\"description\":\"never initialises\",\"tools\":[{\"export\":\"idle\","
    "\"description\":\"does nothing\",\"params\":[],\"result\":\"string\"}]}";

EXPORT("cassette_describe") int64_t cassette_describe(void) {
  return ((int64_t)(uintptr_t)DESCRIPTION << 32) | (int64_t)(sizeof DESCRIPTION - 1);
}

EXPORT("idle") int64_t idle(void) { return 0; }
