/* Cassette guest SDK: the reader of flat JSON argument objects and exact number conversions. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cassette.h"

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
  return cassette_utf8_encode(cp, dst);
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
