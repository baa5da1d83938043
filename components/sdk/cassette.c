/* Cassette guest SDK implementation; see cassette.h. */
#include "cassette.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------------- memory and packing */

#ifndef __wasm__
static char **native_table;
static size_t native_count;
static size_t native_cap;

int32_t cassette_native_handle(char *pointer) {
  if (pointer == NULL) return 0;
  if (native_count == native_cap) {
    size_t cap = native_cap ? native_cap * 2 : 64;
    char **grown = realloc(native_table, cap * sizeof *grown);
    if (grown == NULL) return 0;
    native_table = grown;
    native_cap = cap;
  }
  native_table[native_count++] = pointer;
  return (int32_t)native_count;
}

char *cassette_native_pointer(int32_t handle) {
  if (handle <= 0 || (size_t)handle > native_count) return NULL;
  return native_table[handle - 1];
}

static char *to_pointer(int32_t address) { return cassette_native_pointer(address); }
static int32_t to_address(char *pointer) { return cassette_native_handle(pointer); }
static void release(int32_t address) {
  if (address > 0 && (size_t)address <= native_count) {
    free(native_table[address - 1]);
    native_table[address - 1] = NULL;
  }
}
#else
static char *to_pointer(int32_t address) { return (char *)(uintptr_t)(uint32_t)address; }
static int32_t to_address(char *pointer) { return (int32_t)(uint32_t)(uintptr_t)pointer; }
static void release(int32_t address) { free(to_pointer(address)); }
#endif

CASSETTE_EXPORT("cassette_alloc") int32_t cassette_alloc(int32_t size) {
  if (size < 0) return 0;
  return to_address(malloc(size == 0 ? 1 : (size_t)size));
}

CASSETTE_EXPORT("cassette_free") void cassette_free(int32_t ptr, int32_t size) {
  (void)size;
  if (ptr != 0) release(ptr);
}

int64_t cassette_pack(char *ptr, size_t len) {
  if (ptr == NULL || len > UINT32_MAX) return 0;
  uint32_t address = (uint32_t)to_address(ptr);
  if (address == 0) return 0;
  return (int64_t)(((uint64_t)address << 32) | (uint64_t)len);
}

char *cassette_unpack(int64_t packed, size_t *len) {
  *len = (size_t)((uint64_t)packed & 0xffffffffu);
  return to_pointer((int32_t)(uint32_t)((uint64_t)packed >> 32));
}

CASSETTE_EXPORT("cassette_describe") int64_t cassette_describe(void) {
  size_t len = strlen(cassette_description);
  char *copy = malloc(len + 1);
  if (copy == NULL) return 0;
  memcpy(copy, cassette_description, len + 1);
  return cassette_pack(copy, len);
}

/* ---------------------------------------------------------------- UTF-8 */

/* Length of the valid UTF-8 sequence at s[i], or 0 when it is invalid. */
static size_t utf8_sequence(const unsigned char *s, size_t len, size_t i) {
  unsigned char b = s[i];
  size_t need;
  unsigned char lo = 0x80, hi = 0xBF;
  if (b < 0x80) return 1;
  if (b >= 0xC2 && b <= 0xDF) {
    need = 1;
  } else if (b >= 0xE0 && b <= 0xEF) {
    need = 2;
    if (b == 0xE0) lo = 0xA0;
    if (b == 0xED) hi = 0x9F;
  } else if (b >= 0xF0 && b <= 0xF4) {
    need = 3;
    if (b == 0xF0) lo = 0x90;
    if (b == 0xF4) hi = 0x8F;
  } else {
    return 0;
  }
  if (len - i <= need) return 0;
  if (s[i + 1] < lo || s[i + 1] > hi) return 0;
  for (size_t k = 2; k <= need; k++) {
    if (s[i + k] < 0x80 || s[i + k] > 0xBF) return 0;
  }
  return need + 1;
}

bool cassette_utf8_valid(const char *s, size_t len) {
  const unsigned char *u = (const unsigned char *)s;
  for (size_t i = 0; i < len;) {
    size_t n = utf8_sequence(u, len, i);
    if (n == 0) return false;
    i += n;
  }
  return true;
}

uint32_t cassette_utf8_next(const char *s, size_t len, size_t *i) {
  const unsigned char *u = (const unsigned char *)s;
  size_t n = utf8_sequence(u, len, *i);
  uint32_t cp;
  if (n <= 1) {
    cp = u[*i];
    n = 1;
  } else {
    cp = u[*i] & (0xFF >> (n + 1));
    for (size_t k = 1; k < n; k++) cp = (cp << 6) | (u[*i + k] & 0x3F);
  }
  *i += n;
  return cp;
}

static size_t utf8_encode(uint32_t cp, char *out) {
  if (cp < 0x80) {
    out[0] = (char)cp;
    return 1;
  }
  if (cp < 0x800) {
    out[0] = (char)(0xC0 | (cp >> 6));
    out[1] = (char)(0x80 | (cp & 0x3F));
    return 2;
  }
  if (cp < 0x10000) {
    out[0] = (char)(0xE0 | (cp >> 12));
    out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[2] = (char)(0x80 | (cp & 0x3F));
    return 3;
  }
  out[0] = (char)(0xF0 | (cp >> 18));
  out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
  out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
  out[3] = (char)(0x80 | (cp & 0x3F));
  return 4;
}

/* ---------------------------------------------------------------- JSON reader */

typedef struct {
  const char *s;
  size_t len;
  size_t pos;
  char *arena;
  size_t arena_used;
  size_t arena_cap;
  const char *error;
} reader;

static char error_text[96];

static bool fail(reader *r, const char *what) {
  if (r->error == NULL) {
    snprintf(error_text, sizeof error_text, "%s at offset %zu", what, r->pos);
    r->error = error_text;
  }
  return false;
}

static void skip_space(reader *r) {
  while (r->pos < r->len) {
    char c = r->s[r->pos];
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return;
    r->pos++;
  }
}

static bool peek(reader *r, char c) { return r->pos < r->len && r->s[r->pos] == c; }

static bool expect(reader *r, char c, const char *what) {
  skip_space(r);
  if (!peek(r, c)) return fail(r, what);
  r->pos++;
  return true;
}

static bool literal(reader *r, const char *word) {
  size_t n = strlen(word);
  if (r->len - r->pos < n || memcmp(r->s + r->pos, word, n) != 0) return fail(r, "invalid literal");
  r->pos += n;
  return true;
}

static int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

static bool hex4(reader *r, uint32_t *out) {
  if (r->len - r->pos < 4) return fail(r, "truncated \\u escape");
  uint32_t v = 0;
  for (int k = 0; k < 4; k++) {
    int d = hex_digit(r->s[r->pos + k]);
    if (d < 0) return fail(r, "invalid \\u escape");
    v = (v << 4) | (uint32_t)d;
  }
  r->pos += 4;
  *out = v;
  return true;
}

/* Decodes an escape after the backslash into dst; returns bytes written or 0 on error. */
static size_t escape(reader *r, char *dst) {
  if (r->pos >= r->len) return fail(r, "truncated escape");
  char c = r->s[r->pos++];
  switch (c) {
    case '"': case '\\': case '/': dst[0] = c; return 1;
    case 'b': dst[0] = '\b'; return 1;
    case 'f': dst[0] = '\f'; return 1;
    case 'n': dst[0] = '\n'; return 1;
    case 'r': dst[0] = '\r'; return 1;
    case 't': dst[0] = '\t'; return 1;
    case 'u': break;
    default: r->pos--; return fail(r, "invalid escape");
  }
  uint32_t cp;
  if (!hex4(r, &cp)) return 0;
  if (cp >= 0xD800 && cp <= 0xDBFF && r->len - r->pos >= 6 && r->s[r->pos] == '\\' &&
      r->s[r->pos + 1] == 'u') {
    size_t mark = r->pos;
    uint32_t low;
    r->pos += 2;
    if (!hex4(r, &low)) return 0;
    if (low >= 0xDC00 && low <= 0xDFFF) {
      cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
    } else {
      r->pos = mark;
    }
  }
  /* A lone surrogate is kept as its 3-byte (WTF-8) form, which UTF-8 validation rejects. */
  return utf8_encode(cp, dst);
}

static char *arena_take(reader *r, size_t n) {
  if (r->arena_cap - r->arena_used < n) {
    fail(r, "internal: argument arena exhausted");
    return NULL;
  }
  char *p = r->arena + r->arena_used;
  r->arena_used += n;
  return p;
}

/* Reads a string (at its opening quote) into the arena. */
static bool read_string(reader *r, cassette_str *out) {
  if (!expect(r, '"', "expected string")) return false;
  /* The decoded form is never longer than the raw form. */
  size_t start = r->pos;
  char *dst = r->arena + r->arena_used;
  size_t n = 0;
  while (true) {
    if (r->pos >= r->len) return fail(r, "unterminated string");
    unsigned char c = (unsigned char)r->s[r->pos];
    if (c == '"') break;
    if (c < 0x20) return fail(r, "control character in string");
    if (r->arena_cap - r->arena_used - n < 5) return fail(r, "internal: argument arena exhausted");
    if (c == '\\') {
      r->pos++;
      size_t w = escape(r, dst + n);
      if (w == 0) return false;
      n += w;
    } else {
      dst[n++] = (char)c;
      r->pos++;
    }
  }
  (void)start;
  r->pos++;
  dst[n] = '\0';
  r->arena_used += n + 1;
  out->ptr = dst;
  out->len = n;
  return true;
}

static bool digits(reader *r) {
  size_t start = r->pos;
  while (r->pos < r->len && r->s[r->pos] >= '0' && r->s[r->pos] <= '9') r->pos++;
  return r->pos > start;
}

static bool read_number(reader *r) {
  if (peek(r, '-')) r->pos++;
  if (peek(r, '0')) {
    r->pos++;
  } else if (!digits(r)) {
    return fail(r, "invalid number");
  }
  if (peek(r, '.')) {
    r->pos++;
    if (!digits(r)) return fail(r, "invalid number");
  }
  if (peek(r, 'e') || peek(r, 'E')) {
    r->pos++;
    if (peek(r, '+') || peek(r, '-')) r->pos++;
    if (!digits(r)) return fail(r, "invalid number");
  }
  return true;
}

/* Skips any JSON value; strings go through the decoder into a scratch area that is then released. */
static bool skip_value(reader *r, int depth) {
  if (depth > 64) return fail(r, "nesting too deep");
  skip_space(r);
  if (r->pos >= r->len) return fail(r, "expected value");
  char c = r->s[r->pos];
  if (c == '"') {
    size_t used = r->arena_used;
    cassette_str ignored;
    bool ok = read_string(r, &ignored);
    r->arena_used = used;
    return ok;
  }
  if (c == '{' || c == '[') {
    char close = c == '{' ? '}' : ']';
    r->pos++;
    skip_space(r);
    if (peek(r, close)) {
      r->pos++;
      return true;
    }
    while (true) {
      if (c == '{') {
        if (!skip_value(r, depth + 1)) return false;
        if (!expect(r, ':', "expected ':'")) return false;
      }
      if (!skip_value(r, depth + 1)) return false;
      skip_space(r);
      if (peek(r, ',')) {
        r->pos++;
        continue;
      }
      return expect(r, close, c == '{' ? "expected ',' or '}'" : "expected ',' or ']'");
    }
  }
  if (c == 't') return literal(r, "true");
  if (c == 'f') return literal(r, "false");
  if (c == 'n') return literal(r, "null");
  if (c == '-' || (c >= '0' && c <= '9')) return read_number(r);
  return fail(r, "unexpected character");
}

static bool copy_raw(reader *r, size_t start, cassette_str *out) {
  size_t n = r->pos - start;
  char *dst = arena_take(r, n + 1);
  if (dst == NULL) return false;
  memcpy(dst, r->s + start, n);
  dst[n] = '\0';
  out->ptr = dst;
  out->len = n;
  return true;
}

/* Tries to read an array of strings; on a non-string element rewinds and returns false quietly. */
static bool read_string_list(reader *r, cassette_field *field, bool *is_list) {
  size_t start = r->pos, arena_mark = r->arena_used, cap = 0;
  *is_list = false;
  r->pos++;
  skip_space(r);
  if (peek(r, ']')) {
    r->pos++;
    *is_list = true;
    return true;
  }
  while (true) {
    skip_space(r);
    if (!peek(r, '"')) {
      free(field->items);
      field->items = NULL;
      field->count = 0;
      r->pos = start;
      r->arena_used = arena_mark;
      return true;
    }
    if (field->count == cap) {
      cap = cap ? cap * 2 : 4;
      cassette_str *grown = realloc(field->items, cap * sizeof *grown);
      if (grown == NULL) return fail(r, "out of memory");
      field->items = grown;
    }
    if (!read_string(r, &field->items[field->count])) return false;
    field->count++;
    skip_space(r);
    if (peek(r, ',')) {
      r->pos++;
      continue;
    }
    if (!expect(r, ']', "expected ',' or ']'")) return false;
    *is_list = true;
    return true;
  }
}

static bool read_field_value(reader *r, cassette_field *field) {
  skip_space(r);
  if (r->pos >= r->len) return fail(r, "expected value");
  char c = r->s[r->pos];
  size_t start = r->pos;
  if (c == '"') {
    field->kind = CASSETTE_STRING;
    return read_string(r, &field->text);
  }
  if (c == '[') {
    bool is_list;
    if (!read_string_list(r, field, &is_list)) return false;
    if (is_list) {
      field->kind = CASSETTE_STRING_LIST;
      return true;
    }
  }
  if (c == 't' || c == 'f') {
    field->kind = CASSETTE_BOOL;
    field->boolean = c == 't';
    return literal(r, c == 't' ? "true" : "false");
  }
  if (c == 'n') {
    field->kind = CASSETTE_NULL;
    return literal(r, "null");
  }
  if (!skip_value(r, 0)) return false;
  field->kind = (c == '-' || (c >= '0' && c <= '9')) ? CASSETTE_NUMBER : CASSETTE_OTHER;
  return copy_raw(r, start, &field->text);
}

static bool read_members(reader *r, cassette_object *out) {
  size_t cap = 0;
  if (!expect(r, '{', "expected '{'")) return false;
  skip_space(r);
  if (peek(r, '}')) {
    r->pos++;
    return true;
  }
  while (true) {
    if (out->count == cap) {
      cap = cap ? cap * 2 : 8;
      cassette_field *grown = realloc(out->fields, cap * sizeof *grown);
      if (grown == NULL) return fail(r, "out of memory");
      out->fields = grown;
    }
    cassette_field *field = &out->fields[out->count];
    memset(field, 0, sizeof *field);
    out->count++;
    skip_space(r);
    if (!read_string(r, &field->key)) return false;
    if (!expect(r, ':', "expected ':'")) return false;
    if (!read_field_value(r, field)) return false;
    skip_space(r);
    if (peek(r, ',')) {
      r->pos++;
      continue;
    }
    return expect(r, '}', "expected ',' or '}'");
  }
}

const char *cassette_parse_object(const char *json, size_t len, cassette_object *out) {
  memset(out, 0, sizeof *out);
  reader r = {.s = json, .len = len, .arena_cap = len + 8};
  r.arena = malloc(r.arena_cap);
  if (r.arena == NULL) return "out of memory";
  out->arena = r.arena;
  if (read_members(&r, out)) {
    skip_space(&r);
    if (r.pos != r.len) fail(&r, "trailing characters");
  }
  if (r.error != NULL) cassette_object_free(out);
  return r.error;
}

void cassette_object_free(cassette_object *object) {
  for (size_t i = 0; i < object->count; i++) free(object->fields[i].items);
  free(object->fields);
  free(object->arena);
  memset(object, 0, sizeof *object);
}

const cassette_field *cassette_get(const cassette_object *object, const char *key) {
  size_t n = strlen(key);
  for (size_t i = object->count; i-- > 0;) {
    const cassette_field *f = &object->fields[i];
    if (f->key.len == n && memcmp(f->key.ptr, key, n) == 0) return f;
  }
  return NULL;
}

/* ---------------------------------------------------------------- numbers */

bool cassette_number_f64(cassette_str text, double *out) {
  char *end;
  double v = strtod(text.ptr, &end);
  if (end != text.ptr + text.len || !isfinite(v)) return false;
  *out = v;
  return true;
}

static bool plain_integer(cassette_str text) {
  return strpbrk(text.ptr, ".eE") == NULL;
}

/* An integral number written with a fraction or exponent (5.0, 1e3), exact below 2^53. */
static bool integral_double(cassette_str text, double *out) {
  double v;
  if (!cassette_number_f64(text, &v) || v != floor(v) || fabs(v) > 9007199254740992.0) return false;
  *out = v;
  return true;
}

bool cassette_number_u64(cassette_str text, uint64_t *out) {
  if (!plain_integer(text)) {
    double v;
    if (!integral_double(text, &v) || v < 0) return false;
    *out = (uint64_t)v;
    return true;
  }
  if (text.ptr[0] == '-') {
    /* "-0" is zero; any other negative is out of range. */
    if (strspn(text.ptr + 1, "0") != text.len - 1) return false;
    *out = 0;
    return true;
  }
  uint64_t v = 0;
  for (size_t i = 0; i < text.len; i++) {
    unsigned d = (unsigned)(text.ptr[i] - '0');
    if (v > (UINT64_MAX - d) / 10) return false;
    v = v * 10 + d;
  }
  *out = v;
  return true;
}

bool cassette_number_i64(cassette_str text, int64_t *out) {
  if (!plain_integer(text)) {
    double v;
    if (!integral_double(text, &v)) return false;
    *out = (int64_t)v;
    return true;
  }
  bool negative = text.ptr[0] == '-';
  cassette_str magnitude = {text.ptr + negative, text.len - negative};
  uint64_t m;
  if (!cassette_number_u64(magnitude, &m)) return false;
  if (negative) {
    if (m > (uint64_t)INT64_MAX + 1) return false;
    *out = m == (uint64_t)INT64_MAX + 1 ? INT64_MIN : -(int64_t)m;
  } else {
    if (m > (uint64_t)INT64_MAX) return false;
    *out = (int64_t)m;
  }
  return true;
}

/* ---------------------------------------------------------------- JSON writer */

void cassette_raw(cassette_buf *out, const char *s, size_t len) {
  if (out->failed) return;
  if (out->cap - out->len < len + 1) {
    size_t cap = out->cap ? out->cap : 64;
    while (cap - out->len < len + 1) {
      if (cap > SIZE_MAX / 2) {
        out->failed = true;
        return;
      }
      cap *= 2;
    }
    char *grown = realloc(out->data, cap);
    if (grown == NULL) {
      out->failed = true;
      return;
    }
    out->data = grown;
    out->cap = cap;
  }
  memcpy(out->data + out->len, s, len);
  out->len += len;
  out->data[out->len] = '\0';
}

void cassette_raw_cstr(cassette_buf *out, const char *s) { cassette_raw(out, s, strlen(s)); }

void cassette_string(cassette_buf *out, const char *s, size_t len) {
  static const char hex[] = "0123456789abcdef";
  const unsigned char *u = (const unsigned char *)s;
  cassette_raw(out, "\"", 1);
  size_t run = 0; /* start of the pending run of bytes copied verbatim */
  for (size_t i = 0; i < len;) {
    unsigned char c = u[i];
    const char *replacement = NULL;
    char esc[7];
    size_t advance = 1;
    if (c >= 0x80) {
      advance = utf8_sequence(u, len, i);
      if (advance == 0) {
        replacement = "\xEF\xBF\xBD";
        advance = 1;
      }
    } else if (c == '"') {
      replacement = "\\\"";
    } else if (c == '\\') {
      replacement = "\\\\";
    } else if (c < 0x20) {
      switch (c) {
        case '\b': replacement = "\\b"; break;
        case '\f': replacement = "\\f"; break;
        case '\n': replacement = "\\n"; break;
        case '\r': replacement = "\\r"; break;
        case '\t': replacement = "\\t"; break;
        default:
          memcpy(esc, "\\u00", 4);
          esc[4] = hex[c >> 4];
          esc[5] = hex[c & 15];
          esc[6] = '\0';
          replacement = esc;
      }
    }
    if (replacement != NULL) {
      cassette_raw(out, s + run, i - run);
      cassette_raw_cstr(out, replacement);
      run = i + advance;
    }
    i += advance;
  }
  cassette_raw(out, s + run, len - run);
  cassette_raw(out, "\"", 1);
}

void cassette_string_cstr(cassette_buf *out, const char *s) { cassette_string(out, s, strlen(s)); }

bool cassette_f64(cassette_buf *out, double value) {
  if (!isfinite(value)) return false;
  char text[40];
  for (int precision = 1; precision <= 17; precision++) {
    snprintf(text, sizeof text, "%.*g", precision, value);
    if (strtod(text, NULL) == value) break;
  }
  if (strpbrk(text, ".e") == NULL) strcat(text, ".0");
  cassette_raw_cstr(out, text);
  return true;
}

void cassette_u64(cassette_buf *out, uint64_t value) {
  char text[24];
  snprintf(text, sizeof text, "%llu", (unsigned long long)value);
  cassette_raw_cstr(out, text);
}

void cassette_i64(cassette_buf *out, int64_t value) {
  char text[24];
  snprintf(text, sizeof text, "%lld", (long long)value);
  cassette_raw_cstr(out, text);
}

void cassette_bool(cassette_buf *out, bool value) { cassette_raw_cstr(out, value ? "true" : "false"); }

void cassette_null(cassette_buf *out) { cassette_raw_cstr(out, "null"); }

bool cassette_err(cassette_buf *out, const char *format, ...) {
  char small[256];
  char *message = small;
  va_list args;
  va_start(args, format);
  int n = vsnprintf(small, sizeof small, format, args);
  va_end(args);
  if (n < 0) n = 0;
  if ((size_t)n >= sizeof small) {
    message = malloc((size_t)n + 1);
    if (message == NULL) {
      out->failed = true;
      return false;
    }
    va_start(args, format);
    vsnprintf(message, (size_t)n + 1, format, args);
    va_end(args);
  }
  out->len = 0;
  out->failed = false;
  cassette_raw_cstr(out, "{\"err\":");
  cassette_string(out, message, (size_t)n);
  cassette_raw_cstr(out, "}");
  if (message != small) free(message);
  return false;
}

/* ---------------------------------------------------------------- arguments */

static const cassette_field *argument(const cassette_object *args, const char *name,
                                      cassette_kind kind, const char *what, cassette_buf *out) {
  const cassette_field *f = cassette_get(args, name);
  if (f == NULL) {
    cassette_err(out, "missing argument '%s'", name);
    return NULL;
  }
  if (f->kind != kind) {
    cassette_err(out, "argument '%s' must be %s", name, what);
    return NULL;
  }
  return f;
}

bool cassette_arg_string(const cassette_object *args, const char *name, cassette_str *value,
                         cassette_buf *out) {
  const cassette_field *f = argument(args, name, CASSETTE_STRING, "a string", out);
  if (f == NULL) return false;
  *value = f->text;
  return true;
}

bool cassette_arg_f64(const cassette_object *args, const char *name, double *value, cassette_buf *out) {
  const cassette_field *f = argument(args, name, CASSETTE_NUMBER, "a number", out);
  if (f == NULL) return false;
  if (!cassette_number_f64(f->text, value)) return cassette_err(out, "argument '%s' is out of range", name);
  return true;
}

bool cassette_arg_i64(const cassette_object *args, const char *name, int64_t *value, cassette_buf *out) {
  const cassette_field *f = argument(args, name, CASSETTE_NUMBER, "an integer", out);
  if (f == NULL) return false;
  if (!cassette_number_i64(f->text, value)) {
    return cassette_err(out, "argument '%s' must be an integer between %lld and %lld", name,
                        (long long)INT64_MIN, (long long)INT64_MAX);
  }
  return true;
}

bool cassette_arg_u64(const cassette_object *args, const char *name, uint64_t max, uint64_t *value,
                      cassette_buf *out) {
  const cassette_field *f = argument(args, name, CASSETTE_NUMBER, "an integer", out);
  if (f == NULL) return false;
  if (!cassette_number_u64(f->text, value) || *value > max) {
    return cassette_err(out, "argument '%s' must be an integer between 0 and %llu", name,
                        (unsigned long long)max);
  }
  return true;
}

/* ---------------------------------------------------------------- invocation */

int64_t cassette_invoke(int32_t args_ptr, int32_t args_len, cassette_tool tool, bool result_typed) {
  const char *bytes = to_pointer(args_ptr);
  cassette_buf out = {0};
  cassette_object args;
  const char *error = NULL;
  bool produced;
  if (args_len < 0 || (bytes == NULL && args_len > 0)) {
    error = "no argument bytes";
  } else if (args_len == 0) {
    /* No bytes at all reads as no arguments, {}. */
    error = cassette_parse_object("{}", 2, &args);
  } else {
    error = cassette_parse_object(bytes, (size_t)args_len, &args);
  }
  if (error != NULL) {
    produced = result_typed;
    if (result_typed) cassette_err(&out, "invalid arguments: %s", error);
  } else {
    produced = tool(&args, &out);
    cassette_object_free(&args);
    /* A result-typed tool that rejected its arguments reports false after writing its err. */
    if (!produced && result_typed && out.len > 0) produced = true;
  }
  if (!produced || out.failed || out.len == 0) {
    free(out.data);
    return 0;
  }
  return cassette_pack(out.data, out.len);
}
