/*
 * Test guest for the Cassette Wasm host: exercises every feature of guest ABI v1.
 *
 * World exports: divide, read_file, write_file, get_env, fetch, entropy, spin, hog, crash.
 * Interface export (local:probe/text): upper, exposed as tool local_probe_text_upper.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define EXPORT(name) __attribute__((export_name(name)))

__attribute__((import_module("cassette"), import_name("http_fetch")))
extern int64_t cassette_http_fetch(int32_t ptr, int32_t len);

/* ---------- memory ABI ---------- */

EXPORT("cassette_alloc") void *cassette_alloc(int32_t size) { return malloc(size > 0 ? size : 1); }

EXPORT("cassette_free") void cassette_free(void *ptr, int32_t size) {
  (void)size;
  free(ptr);
}

/* ---------- a tiny growable string buffer ---------- */

typedef struct {
  char *data;
  size_t len;
  size_t cap;
} buf_t;

static void buf_put(buf_t *b, const char *s, size_t n) {
  if (b->len + n + 1 > b->cap) {
    size_t cap = (b->cap ? b->cap * 2 : 64);
    while (cap < b->len + n + 1) cap *= 2;
    b->data = realloc(b->data, cap);
    b->cap = cap;
  }
  memcpy(b->data + b->len, s, n);
  b->len += n;
  b->data[b->len] = 0;
}

static void buf_str(buf_t *b, const char *s) { buf_put(b, s, strlen(s)); }

static void buf_json_string(buf_t *b, const char *s, size_t n) {
  buf_put(b, "\"", 1);
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    char esc[8];
    if (c == '"' || c == '\\') {
      esc[0] = '\\';
      esc[1] = (char)c;
      buf_put(b, esc, 2);
    } else if (c == '\n') {
      buf_put(b, "\\n", 2);
    } else if (c < 0x20) {
      snprintf(esc, sizeof esc, "\\u%04x", c);
      buf_put(b, esc, 6);
    } else {
      buf_put(b, (const char *)&s[i], 1);
    }
  }
  buf_put(b, "\"", 1);
}

static int64_t buf_return(buf_t *b) {
  if (b->data == NULL) return 0;
  return ((int64_t)(uintptr_t)b->data << 32) | (int64_t)b->len;
}

static int64_t return_ok_string(const char *s, size_t n) {
  buf_t b = {0};
  buf_str(&b, "{\"ok\":");
  buf_json_string(&b, s, n);
  buf_str(&b, "}");
  return buf_return(&b);
}

static int64_t return_err(const char *msg) {
  buf_t b = {0};
  buf_str(&b, "{\"err\":");
  buf_json_string(&b, msg, strlen(msg));
  buf_str(&b, "}");
  return buf_return(&b);
}

/* ---------- a minimal JSON reader for flat objects ---------- */

static const char *json_find(const char *json, size_t len, const char *key) {
  size_t klen = strlen(key);
  for (size_t i = 0; i + klen + 2 < len; i++) {
    if (json[i] == '"' && strncmp(json + i + 1, key, klen) == 0 && json[i + 1 + klen] == '"') {
      const char *p = json + i + klen + 2;
      while (*p == ' ' || *p == ':') p++;
      return p;
    }
  }
  return NULL;
}

/* Decodes the JSON string at p into a fresh NUL-terminated buffer (simple escapes only). */
static char *json_string_at(const char *p) {
  if (p == NULL || *p != '"') return NULL;
  p++;
  buf_t b = {0};
  buf_put(&b, "", 0);
  while (*p && *p != '"') {
    if (*p == '\\' && p[1]) {
      p++;
      char c = *p == 'n' ? '\n' : *p == 't' ? '\t' : *p;
      buf_put(&b, &c, 1);
    } else {
      buf_put(&b, p, 1);
    }
    p++;
  }
  return b.data;
}

static char *arg_string(const char *args, int32_t len, const char *key) {
  return json_string_at(json_find(args, (size_t)len, key));
}

/* ---------- describe ---------- */

static const char DESCRIPTION[] =
    "{\"description\":\"Test guest exercising the Cassette guest ABI.\",\"tools\":["
    "{\"export\":\"divide\",\"interface\":null,\"description\":\"Divides a by b.\","
    "\"params\":[{\"name\":\"a\",\"type\":\"f64\"},{\"name\":\"b\",\"type\":\"f64\"}],"
    "\"result\":{\"result\":{\"ok\":\"f64\",\"err\":\"string\"}}},"
    "{\"export\":\"upper\",\"interface\":\"local:probe/text\",\"description\":\"Upper-cases text.\","
    "\"params\":[{\"name\":\"text\",\"type\":\"string\"}],\"result\":\"string\"},"
    "{\"export\":\"read_file\",\"interface\":null,\"description\":\"Reads a file.\","
    "\"params\":[{\"name\":\"path\",\"type\":\"string\"}],"
    "\"result\":{\"result\":{\"ok\":\"string\",\"err\":\"string\"}}},"
    "{\"export\":\"write_file\",\"interface\":null,\"description\":\"Writes a file.\","
    "\"params\":[{\"name\":\"path\",\"type\":\"string\"},{\"name\":\"content\",\"type\":\"string\"}],"
    "\"result\":{\"result\":{\"ok\":\"string\",\"err\":\"string\"}}},"
    "{\"export\":\"get_env\",\"interface\":null,\"description\":\"Reads an environment variable.\","
    "\"params\":[{\"name\":\"key\",\"type\":\"string\"}],\"result\":{\"option\":\"string\"}},"
    "{\"export\":\"fetch\",\"interface\":null,\"description\":\"Fetches a URL.\","
    "\"params\":[{\"name\":\"url\",\"type\":\"string\"}],"
    "\"result\":{\"result\":{\"ok\":\"string\",\"err\":\"string\"}}},"
    "{\"export\":\"entropy\",\"interface\":null,\"description\":\"Reads clocks and randomness.\","
    "\"params\":[],\"result\":{\"record\":[{\"name\":\"realtime\",\"type\":\"u64\"},"
    "{\"name\":\"monotonic\",\"type\":\"u64\"},{\"name\":\"slept\",\"type\":\"u64\"},"
    "{\"name\":\"random\",\"type\":\"u64\"}]}},"
    "{\"export\":\"spin\",\"interface\":null,\"description\":\"Loops forever.\","
    "\"params\":[],\"result\":\"u32\"},"
    "{\"export\":\"hog\",\"interface\":null,\"description\":\"Allocates until memory runs out.\","
    "\"params\":[],\"result\":\"u32\"},"
    "{\"export\":\"crash\",\"interface\":null,\"description\":\"Traps.\","
    "\"params\":[],\"result\":\"u32\"}"
    "]}";

EXPORT("cassette_describe") int64_t cassette_describe(void) {
  return ((int64_t)(uintptr_t)DESCRIPTION << 32) | (int64_t)(sizeof DESCRIPTION - 1);
}

/* ---------- tools ---------- */

EXPORT("divide") int64_t divide(const char *args, int32_t len) {
  const char *pa = json_find(args, (size_t)len, "a");
  const char *pb = json_find(args, (size_t)len, "b");
  if (pa == NULL || pb == NULL) return return_err("missing argument");
  double a = strtod(pa, NULL);
  double b = strtod(pb, NULL);
  if (b == 0.0) return return_err("division by zero");
  char out[64];
  snprintf(out, sizeof out, "{\"ok\":%.17g}", a / b);
  buf_t r = {0};
  buf_str(&r, out);
  return buf_return(&r);
}

EXPORT("upper") int64_t upper(const char *args, int32_t len) {
  char *text = arg_string(args, len, "text");
  if (text == NULL) return 0;
  for (char *p = text; *p; p++) {
    if (*p >= 'a' && *p <= 'z') *p = (char)(*p - 32);
  }
  buf_t b = {0};
  buf_json_string(&b, text, strlen(text));
  free(text);
  return buf_return(&b);
}

EXPORT("read_file") int64_t read_file(const char *args, int32_t len) {
  char *path = arg_string(args, len, "path");
  if (path == NULL) return return_err("missing path");
  FILE *f = fopen(path, "r");
  if (f == NULL) {
    char msg[256];
    snprintf(msg, sizeof msg, "cannot open %s: %s", path, strerror(errno));
    free(path);
    return return_err(msg);
  }
  buf_t content = {0};
  buf_put(&content, "", 0);
  char chunk[512];
  size_t n;
  while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) buf_put(&content, chunk, n);
  fclose(f);
  free(path);
  int64_t r = return_ok_string(content.data, content.len);
  free(content.data);
  return r;
}

EXPORT("write_file") int64_t write_file(const char *args, int32_t len) {
  char *path = arg_string(args, len, "path");
  char *content = arg_string(args, len, "content");
  if (path == NULL || content == NULL) return return_err("missing argument");
  FILE *f = fopen(path, "w");
  if (f == NULL) {
    char msg[256];
    snprintf(msg, sizeof msg, "cannot write %s: %s", path, strerror(errno));
    return return_err(msg);
  }
  size_t n = strlen(content);
  size_t written = fwrite(content, 1, n, f);
  int closed = fclose(f);
  if (written != n || closed != 0) return return_err("short write");
  return return_ok_string("written", 7);
}

EXPORT("get_env") int64_t get_env(const char *args, int32_t len) {
  char *key = arg_string(args, len, "key");
  if (key == NULL) return 0;
  const char *value = getenv(key);
  free(key);
  buf_t b = {0};
  if (value == NULL) {
    buf_str(&b, "null");
  } else {
    buf_json_string(&b, value, strlen(value));
  }
  return buf_return(&b);
}

EXPORT("fetch") int64_t fetch(const char *args, int32_t len) {
  char *url = arg_string(args, len, "url");
  if (url == NULL) return return_err("missing url");
  buf_t req = {0};
  buf_str(&req, "{\"method\":\"GET\",\"url\":");
  buf_json_string(&req, url, strlen(url));
  buf_str(&req, "}");
  free(url);
  int64_t packed = cassette_http_fetch((int32_t)(uintptr_t)req.data, (int32_t)req.len);
  free(req.data);
  if (packed == 0) return return_err("no response");
  const char *resp = (const char *)(uintptr_t)(packed >> 32);
  int32_t resp_len = (int32_t)(packed & 0xffffffff);
  char *error = json_string_at(json_find(resp, (size_t)resp_len, "error"));
  if (error != NULL) {
    int64_t r = return_err(error);
    free(error);
    return r;
  }
  const char *status = json_find(resp, (size_t)resp_len, "status");
  char *body = json_string_at(json_find(resp, (size_t)resp_len, "body"));
  buf_t out = {0};
  char head[32];
  snprintf(head, sizeof head, "%ld ", status ? strtol(status, NULL, 10) : 0L);
  buf_str(&out, head);
  if (body != NULL) buf_str(&out, body);
  int64_t r = return_ok_string(out.data, out.len);
  free(body);
  free(out.data);
  return r;
}

EXPORT("entropy") int64_t entropy(void) {
  struct timespec rt, m1, m2;
  clock_gettime(CLOCK_REALTIME, &rt);
  clock_gettime(CLOCK_MONOTONIC, &m1);
  struct timespec nap = {0, 50 * 1000 * 1000};
  nanosleep(&nap, NULL);
  clock_gettime(CLOCK_MONOTONIC, &m2);
  uint64_t random = 0;
  arc4random_buf(&random, sizeof random);
  uint64_t realtime = (uint64_t)rt.tv_sec * 1000000000ull + (uint64_t)rt.tv_nsec;
  uint64_t mono1 = (uint64_t)m1.tv_sec * 1000000000ull + (uint64_t)m1.tv_nsec;
  uint64_t mono2 = (uint64_t)m2.tv_sec * 1000000000ull + (uint64_t)m2.tv_nsec;
  char out[200];
  snprintf(out, sizeof out, "{\"realtime\":%llu,\"monotonic\":%llu,\"slept\":%llu,\"random\":%llu}",
           (unsigned long long)realtime, (unsigned long long)mono1,
           (unsigned long long)(mono2 - mono1), (unsigned long long)(random >> 12));
  buf_t b = {0};
  buf_str(&b, out);
  return buf_return(&b);
}

static volatile uint32_t spin_counter;

EXPORT("spin") int64_t spin(void) {
  for (;;) spin_counter++;
  return 0;
}

EXPORT("hog") int64_t hog(void) {
  /* Keeps every block so that memory only grows; returns 0 (no output) once malloc fails. */
  void **keep = NULL;
  for (;;) {
    void **block = malloc(1 << 20);
    if (block == NULL) return 0;
    memset(block, 1, 1 << 20);
    block[0] = keep;
    keep = block;
  }
}

EXPORT("crash") int64_t crash(void) { __builtin_trap(); }
