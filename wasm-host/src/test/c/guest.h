/*
 * What the hostile test guests share: the guest ABI's allocation exports and, for guests whose
 * arguments are flat JSON objects of strings, reading an argument and packing a one-key reply.
 */
#ifndef CASSETTE_TEST_GUEST_H
#define CASSETTE_TEST_GUEST_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define EXPORT(name) __attribute__((export_name(name)))

EXPORT("cassette_alloc") void *cassette_alloc(int32_t size) { return malloc(size > 0 ? size : 1); }

EXPORT("cassette_free") void cassette_free(void *ptr, int32_t size) {
  (void)size;
  free(ptr);
}

/* Packs a pointer and a length as the guest ABI returns them. */
static inline int64_t packed(const char *out, size_t len) {
  return ((int64_t)(uintptr_t)out << 32) | (int64_t)len;
}

/* Finds "key":"value" in a flat JSON object; values here never contain quotes or escapes. */
static inline char *arg(const char *json, int32_t len, const char *key) {
  char pattern[32];
  snprintf(pattern, sizeof pattern, "\"%s\":\"", key);
  const char *end = json + len;
  const char *p = strstr(json, pattern);
  if (p == NULL || p >= end) return strdup("");
  p += strlen(pattern);
  const char *q = p;
  while (q < end && *q != '"') q++;
  char *value = malloc((size_t)(q - p) + 1);
  memcpy(value, p, (size_t)(q - p));
  value[q - p] = 0;
  return value;
}

/* {"kind":"text"}, packed. */
static inline int64_t reply(const char *kind, const char *text) {
  size_t n = strlen(text) + strlen(kind) + 16;
  char *out = malloc(n);
  int len = snprintf(out, n, "{\"%s\":\"%s\"}", kind, text);
  return packed(out, (size_t)len);
}

#endif
