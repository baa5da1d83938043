/* Cassette guest SDK: strict UTF-8 decoding and encoding; see cassette.h. */
#include "cassette.h"

/* ---------------------------------------------------------------- UTF-8 */

size_t cassette_utf8_sequence(const char *text, size_t len, size_t i) {
  const unsigned char *s = (const unsigned char *)text;
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
  for (size_t i = 0; i < len;) {
    size_t n = cassette_utf8_sequence(s, len, i);
    if (n == 0) return false;
    i += n;
  }
  return true;
}

uint32_t cassette_utf8_next(const char *s, size_t len, size_t *i) {
  const unsigned char *u = (const unsigned char *)s;
  size_t n = cassette_utf8_sequence(s, len, *i);
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

size_t cassette_utf8_encode(uint32_t cp, char *out) {
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
