/*
 * Hostile test guest for the Cassette Wasm host: hands the host pointers and lengths that lie outside
 * its memory (a length chosen so that pointer + length overflows a signed 32-bit int), and passes raw
 * http_fetch requests through.
 *
 * World exports: bad_output, bad_fetch, bad_fd_write, bad_fd_read, bad_path_open, bad_poll, raw_fetch.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <wasi/api.h>

#define EXPORT(name) __attribute__((export_name(name)))

/* Pointer + length wraps past INT32_MAX: a signed bounds check (ptr + len <= size) passes. */
#define BAD_PTR 16
#define BAD_LEN 0x7ffffff0

__attribute__((import_module("cassette"), import_name("http_fetch")))
extern int64_t cassette_http_fetch(int32_t ptr, int32_t len);

__attribute__((import_module("wasi_snapshot_preview1"), import_name("path_open")))
extern int32_t raw_path_open(int32_t fd, int32_t dirflags, int32_t path, int32_t path_len,
                             int32_t oflags, int64_t rights, int64_t inheriting, int32_t fdflags,
                             int32_t fd_out);

EXPORT("cassette_alloc") void *cassette_alloc(int32_t size) { return malloc(size > 0 ? size : 1); }

EXPORT("cassette_free") void cassette_free(void *ptr, int32_t size) {
  (void)size;
  free(ptr);
}

static int64_t packed(const char *data, size_t len) {
  return ((int64_t)(uintptr_t)data << 32) | (int64_t)len;
}

/* {"ok":"<text>"} for text without characters that need escaping. */
static int64_t ok_plain(const char *text) {
  size_t n = strlen(text);
  char *out = malloc(n + 10);
  if (out == NULL) return 0;
  memcpy(out, "{\"ok\":\"", 7);
  memcpy(out + 7, text, n);
  memcpy(out + 7 + n, "\"}", 2);
  return packed(out, n + 9);
}

static const char DESCRIPTION[] =
    "{\"description\":\"Hostile test guest.\",\"tools\":["
    "{\"export\":\"bad_output\",\"interface\":null,\"description\":\"Returns an output outside memory.\","
    "\"params\":[],\"result\":\"string\"},"
    "{\"export\":\"bad_fetch\",\"interface\":null,\"description\":\"Fetches with a request outside memory.\","
    "\"params\":[],\"result\":{\"result\":{\"ok\":\"string\",\"err\":\"string\"}}},"
    "{\"export\":\"bad_fd_write\",\"interface\":null,\"description\":\"Writes a buffer outside memory.\","
    "\"params\":[],\"result\":{\"result\":{\"ok\":\"string\",\"err\":\"string\"}}},"
    "{\"export\":\"bad_fd_read\",\"interface\":null,\"description\":\"Reads into a buffer outside memory.\","
    "\"params\":[],\"result\":{\"result\":{\"ok\":\"string\",\"err\":\"string\"}}},"
    "{\"export\":\"bad_path_open\",\"interface\":null,\"description\":\"Opens a path outside memory.\","
    "\"params\":[],\"result\":{\"result\":{\"ok\":\"string\",\"err\":\"string\"}}},"
    "{\"export\":\"bad_poll\",\"interface\":null,\"description\":\"Polls subscriptions outside memory.\","
    "\"params\":[],\"result\":{\"result\":{\"ok\":\"string\",\"err\":\"string\"}}},"
    "{\"export\":\"raw_fetch\",\"interface\":null,\"description\":\"Passes a request to http_fetch.\","
    "\"params\":[{\"name\":\"request\",\"type\":\"string\"}],\"result\":\"string\"}"
    "]}";

EXPORT("cassette_describe") int64_t cassette_describe(void) {
  return packed(DESCRIPTION, sizeof DESCRIPTION - 1);
}

EXPORT("bad_output") int64_t bad_output(const char *args, int32_t len) {
  return ((int64_t)BAD_PTR << 32) | (int64_t)BAD_LEN;
}

EXPORT("bad_fetch") int64_t bad_fetch(const char *args, int32_t len) {
  int64_t response = cassette_http_fetch(BAD_PTR, BAD_LEN);
  return ok_plain(response == 0 ? "no response" : "response");
}

EXPORT("bad_fd_write") int64_t bad_fd_write(const char *args, int32_t len) {
  __wasi_ciovec_t iov = {(const uint8_t *)(uintptr_t)BAD_PTR, BAD_LEN};
  __wasi_size_t written = 0;
  __wasi_errno_t err = __wasi_fd_write(1, &iov, 1, &written);
  return ok_plain(err == 0 ? "written" : "refused");
}

EXPORT("bad_fd_read") int64_t bad_fd_read(const char *args, int32_t len) {
  __wasi_iovec_t iov = {(uint8_t *)(uintptr_t)BAD_PTR, BAD_LEN};
  __wasi_size_t read = 0;
  __wasi_errno_t err = __wasi_fd_read(0, &iov, 1, &read);
  return ok_plain(err == 0 ? "read" : "refused");
}

EXPORT("bad_path_open") int64_t bad_path_open(const char *args, int32_t len) {
  int32_t fd = -1;
  int32_t err = raw_path_open(3, 0, BAD_PTR, BAD_LEN, 0, 0, 0, 0, (int32_t)(uintptr_t)&fd);
  return ok_plain(err == 0 ? "opened" : "refused");
}

EXPORT("bad_poll") int64_t bad_poll(const char *args, int32_t len) {
  __wasi_size_t events = 0;
  __wasi_errno_t err = __wasi_poll_oneoff((const __wasi_subscription_t *)(uintptr_t)BAD_PTR,
                                          (__wasi_event_t *)(uintptr_t)BAD_PTR, BAD_LEN, &events);
  return ok_plain(err == 0 ? "polled" : "refused");
}

/* Passes the "request" argument (a JSON string, unescaped here) to http_fetch unchanged and returns
 * the response document as the tool's string result (it is JSON, so it is returned as it is). */
EXPORT("raw_fetch") int64_t raw_fetch(const char *args, int32_t len) {
  const char *key = "\"request\":\"";
  const char *start = strstr(args, key);
  if (start == NULL) return 0;
  start += strlen(key);
  char *request = malloc((size_t)len);
  if (request == NULL) return 0;
  size_t n = 0;
  for (const char *p = start; p < args + len && *p != '"'; p++) {
    if (*p == '\\' && p + 1 < args + len) {
      p++;
      request[n++] = *p == 'n' ? '\n' : *p == 'r' ? '\r' : *p;
    } else {
      request[n++] = *p;
    }
  }
  int64_t response = cassette_http_fetch((int32_t)(uintptr_t)request, (int32_t)n);
  free(request);
  if (response == 0) {
    char *none = malloc(13);
    if (none == NULL) return 0;
    memcpy(none, "\"no response\"", 13);
    return packed(none, 13);
  }
  const char *body = (const char *)(uintptr_t)(response >> 32);
  size_t body_len = (size_t)(response & 0xffffffff);
  /* Return the response as a JSON string: escape quotes and backslashes. */
  char *out = malloc(body_len * 2 + 3);
  if (out == NULL) return 0;
  size_t o = 0;
  out[o++] = '"';
  for (size_t i = 0; i < body_len; i++) {
    char c = body[i];
    if (c == '"' || c == '\\') out[o++] = '\\';
    out[o++] = c;
  }
  out[o++] = '"';
  return packed(out, o);
}
