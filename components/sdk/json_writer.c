/* Cassette guest SDK: the JSON writer. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cassette.h"

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
      advance = cassette_utf8_sequence(s, len, i);
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
