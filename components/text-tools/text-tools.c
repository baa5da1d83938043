/* text-tools: Unicode-aware text operations on UTF-8 strings. */
#include <stdlib.h>
#include <string.h>

#include "../sdk/cassette.h"

#define TEXT_PARAM "\"params\":[{\"name\":\"text\",\"type\":\"string\"}],"

const char cassette_description[] =
    "{\"description\":\"Unicode-aware text utilities; every tool rejects text that is not valid UTF-8.\","
    "\"tools\":["
    "{\"export\":\"length\",\"interface\":null,"
    "\"description\":\"Counts the Unicode code points of text.\"," TEXT_PARAM
    "\"result\":{\"result\":{\"ok\":\"u32\",\"err\":\"string\"}}},"
    "{\"export\":\"reverse\",\"interface\":null,"
    "\"description\":\"Reverses text code point by code point (combining marks are not kept with their "
    "base).\"," TEXT_PARAM
    "\"result\":{\"result\":{\"ok\":\"string\",\"err\":\"string\"}}},"
    "{\"export\":\"slugify\",\"interface\":null,"
    "\"description\":\"Lower-cases ASCII letters, keeps ASCII digits, turns every run of other characters "
    "(non-ASCII included) into one '-', and trims '-' from both ends.\"," TEXT_PARAM
    "\"result\":{\"result\":{\"ok\":\"string\",\"err\":\"string\"}}},"
    "{\"export\":\"word-count\",\"interface\":null,"
    "\"description\":\"Counts the runs of non-whitespace code points (Unicode White_Space separates "
    "words).\"," TEXT_PARAM
    "\"result\":{\"result\":{\"ok\":\"u32\",\"err\":\"string\"}}},"
    "{\"export\":\"split-once\",\"interface\":null,"
    "\"description\":\"Splits text at the first separator into the parts before and after it; null "
    "when separator does not occur.\","
    "\"params\":[{\"name\":\"text\",\"type\":\"string\"},{\"name\":\"separator\",\"type\":\"char\"}],"
    "\"result\":{\"result\":{\"ok\":{\"option\":{\"tuple\":[\"string\",\"string\"]}},"
    "\"err\":\"string\"}}},"
    "{\"export\":\"join\",\"interface\":null,"
    "\"description\":\"Joins parts, putting separator between each two.\","
    "\"params\":[{\"name\":\"parts\",\"type\":{\"list\":\"string\"}},"
    "{\"name\":\"separator\",\"type\":\"string\"}],"
    "\"result\":{\"result\":{\"ok\":\"string\",\"err\":\"string\"}}}"
    "]}";

static bool text_argument(const cassette_object *args, cassette_str *text, cassette_buf *out) {
  if (!cassette_arg_string(args, "text", text, out)) return false;
  if (!cassette_utf8_valid(text->ptr, text->len)) return cassette_err(out, "text is not valid UTF-8");
  return true;
}

static bool ok_count(uint64_t count, cassette_buf *out) {
  cassette_raw_cstr(out, "{\"ok\":");
  cassette_u64(out, count);
  cassette_raw_cstr(out, "}");
  return true;
}

static bool ok_string(const char *s, size_t len, cassette_buf *out) {
  cassette_raw_cstr(out, "{\"ok\":");
  cassette_string(out, s, len);
  cassette_raw_cstr(out, "}");
  return true;
}

static bool length(const cassette_object *args, cassette_buf *out) {
  cassette_str text;
  if (!text_argument(args, &text, out)) return false;
  uint64_t count = 0;
  for (size_t i = 0; i < text.len; count++) cassette_utf8_next(text.ptr, text.len, &i);
  return ok_count(count, out);
}

static bool reverse(const cassette_object *args, cassette_buf *out) {
  cassette_str text;
  if (!text_argument(args, &text, out)) return false;
  char *reversed = malloc(text.len + 1);
  if (reversed == NULL) return false;
  size_t end = text.len;
  for (size_t i = 0; i < text.len;) {
    size_t start = i;
    cassette_utf8_next(text.ptr, text.len, &i);
    end -= i - start;
    for (size_t k = 0; k < i - start; k++) reversed[end + k] = text.ptr[start + k];
  }
  ok_string(reversed, text.len, out);
  free(reversed);
  return true;
}

static bool ascii_alnum(uint32_t c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

static bool slugify(const cassette_object *args, cassette_buf *out) {
  cassette_str text;
  if (!text_argument(args, &text, out)) return false;
  char *slug = malloc(text.len + 1);
  if (slug == NULL) return false;
  size_t n = 0;
  bool pending_dash = false;
  for (size_t i = 0; i < text.len;) {
    uint32_t c = cassette_utf8_next(text.ptr, text.len, &i);
    if (!ascii_alnum(c)) {
      pending_dash = n > 0;
      continue;
    }
    if (pending_dash) slug[n++] = '-';
    pending_dash = false;
    slug[n++] = (char)(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
  }
  ok_string(slug, n, out);
  free(slug);
  return true;
}

static bool white_space(uint32_t c) {
  return (c >= 0x09 && c <= 0x0D) || c == 0x20 || c == 0x85 || c == 0xA0 || c == 0x1680 ||
         (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F ||
         c == 0x3000;
}

static bool word_count(const cassette_object *args, cassette_buf *out) {
  cassette_str text;
  if (!text_argument(args, &text, out)) return false;
  uint64_t words = 0;
  bool in_word = false;
  for (size_t i = 0; i < text.len;) {
    bool space = white_space(cassette_utf8_next(text.ptr, text.len, &i));
    if (!space && !in_word) words++;
    in_word = !space;
  }
  return ok_count(words, out);
}

static bool split_once(const cassette_object *args, cassette_buf *out) {
  cassette_str text, separator;
  if (!text_argument(args, &text, out)) return false;
  if (!cassette_arg_string(args, "separator", &separator, out)) return false;
  size_t end = 0;
  if (separator.len > 0 && cassette_utf8_valid(separator.ptr, separator.len)) {
    cassette_utf8_next(separator.ptr, separator.len, &end);
  }
  if (separator.len == 0 || end != separator.len) {
    return cassette_err(out, "argument 'separator' must be a single character");
  }
  for (size_t i = 0; i + separator.len <= text.len;) {
    if (memcmp(text.ptr + i, separator.ptr, separator.len) == 0) {
      cassette_raw_cstr(out, "{\"ok\":[");
      cassette_string(out, text.ptr, i);
      cassette_raw_cstr(out, ",");
      cassette_string(out, text.ptr + i + separator.len, text.len - i - separator.len);
      cassette_raw_cstr(out, "]}");
      return true;
    }
    cassette_utf8_next(text.ptr, text.len, &i);
  }
  cassette_raw_cstr(out, "{\"ok\":null}");
  return true;
}

static bool join(const cassette_object *args, cassette_buf *out) {
  const cassette_field *parts = cassette_get(args, "parts");
  cassette_str separator;
  if (parts == NULL) return cassette_err(out, "missing argument 'parts'");
  if (parts->kind != CASSETTE_STRING_LIST) {
    return cassette_err(out, "argument 'parts' must be an array of strings");
  }
  if (!cassette_arg_string(args, "separator", &separator, out)) return false;
  if (!cassette_utf8_valid(separator.ptr, separator.len)) {
    return cassette_err(out, "separator is not valid UTF-8");
  }
  cassette_buf joined = {0};
  for (size_t i = 0; i < parts->count; i++) {
    if (!cassette_utf8_valid(parts->items[i].ptr, parts->items[i].len)) {
      free(joined.data);
      return cassette_err(out, "parts[%zu] is not valid UTF-8", i);
    }
    if (i > 0) cassette_raw(&joined, separator.ptr, separator.len);
    cassette_raw(&joined, parts->items[i].ptr, parts->items[i].len);
  }
  bool ok = !joined.failed;
  if (ok) ok_string(joined.len ? joined.data : "", joined.len, out);
  free(joined.data);
  return ok;
}

CASSETTE_TOOL("length", length, true)
CASSETTE_TOOL("reverse", reverse, true)
CASSETTE_TOOL("slugify", slugify, true)
CASSETTE_TOOL("word-count", word_count, true)
CASSETTE_TOOL("split-once", split_once, true)
CASSETTE_TOOL("join", join, true)
