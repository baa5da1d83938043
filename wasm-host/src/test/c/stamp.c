/*
 * Test guest for the Cassette Wasm host: each run of cassette_describe draws a fresh random stamp
 * and puts it in the component's and its tool's descriptions, so a test can tell a fresh describe
 * from a reused description. Tool: stamp (returns a stamp drawn by the call).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define EXPORT(name) __attribute__((export_name(name)))

EXPORT("cassette_alloc") void *cassette_alloc(int32_t size) { return malloc(size > 0 ? size : 1); }

EXPORT("cassette_free") void cassette_free(void *ptr, int32_t size) {
  (void)size;
  free(ptr);
}

static char out[240];

static uint64_t draw(void) {
  uint64_t stamp = 0;
  arc4random_buf(&stamp, sizeof stamp);
  return stamp;
}

static int64_t packed(int len) {
  return ((int64_t)(uintptr_t)out << 32) | (int64_t)len;
}

EXPORT("cassette_describe") int64_t cassette_describe(void) {
  unsigned long long drawn = (unsigned long long)draw();
  int len = snprintf(out, sizeof out,
                     "{\"description\":\"stamp %016llx\",\"tools\":[{\"export\":\"stamp\","
                     "\"description\":\"described with stamp %016llx\",\"params\":[],"
                     "\"result\":\"string\"}]}",
                     drawn, drawn);
  return packed(len);
}

EXPORT("stamp") int64_t stamp(int32_t ptr, int32_t len) {
  return packed(snprintf(out, sizeof out, "\"%016llx\"", (unsigned long long)draw()));
}
