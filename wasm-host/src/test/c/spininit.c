/*
 * Hostile test guest for the Cassette Wasm host: its constructor, run by the reactor's
 * _initialize before every export, never returns, so describing it exhausts the time budget.
 */
#include <stdint.h>
#include <stdlib.h>

#define EXPORT(name) __attribute__((export_name(name)))

static volatile int64_t turns;

__attribute__((constructor)) static void spin_forever(void) {
  for (;;) turns++;
}

EXPORT("cassette_alloc") void *cassette_alloc(int32_t size) { return malloc(size > 0 ? size : 1); }

EXPORT("cassette_free") void cassette_free(void *ptr, int32_t size) {
  (void)size;
  free(ptr);
}

static const char DESCRIPTION[] =
    "{\"description\":\"never initialises\",\"tools\":[{\"export\":\"idle\","
    "\"description\":\"does nothing\",\"params\":[],\"result\":\"string\"}]}";

EXPORT("cassette_describe") int64_t cassette_describe(void) {
  return ((int64_t)(uintptr_t)DESCRIPTION << 32) | (int64_t)(sizeof DESCRIPTION - 1);
}

EXPORT("idle") int64_t idle(void) { return 0; }
