/*
 * Native test of the guest SDK (JSON reader, writer, numbers, UTF-8, invocation), built with gcc and
 * AddressSanitizer/UndefinedBehaviorSanitizer by run-native-tests.sh. Component behaviour is tested on
 * the real .wasm files by wasm-host's ComponentsAbiTest.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../sdk/cassette.h"

const char cassette_description[] = "{\"description\":\"sdk test\",\"tools\":[]}";

static int failures;
static int checks;

#define CHECK(cond)                                                       \
  do {                                                                    \
    checks++;                                                             \
    if (!(cond)) {                                                        \
      failures++;                                                         \
      fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
    }                                                                     \
  } while (0)

static bool str_is(cassette_str s, const char *expected, size_t len) {
  return s.len == len && memcmp(s.ptr, expected, len) == 0 && s.ptr[len] == '\0';
}

static void test_parse_strings(void) {
  cassette_object o;
  const char *json =
      " { \"a\" : \"x\\\"y\\\\z\\/\\b\\f\\n\\r\\t\", \"e\\u0301\": \"\\u00e9\\u20AC\\ud83d\\ude00\","
      " \"nul\": \"a\\u0000b\", \"lone\": \"\\ud800x\", \"raw\": \"h\xC3\xA9\" } ";
  CHECK(cassette_parse_object(json, strlen(json), &o) == NULL);
  CHECK(o.count == 5);
  CHECK(str_is(cassette_get(&o, "a")->text, "x\"y\\z/\b\f\n\r\t", 11));
  CHECK(str_is(cassette_get(&o, "e\xCC\x81")->text, "\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80", 9));
  CHECK(str_is(cassette_get(&o, "nul")->text, "a\0b", 3));
  const cassette_field *lone = cassette_get(&o, "lone");
  CHECK(str_is(lone->text, "\xED\xA0\x80x", 4));
  CHECK(!cassette_utf8_valid(lone->text.ptr, lone->text.len));
  CHECK(str_is(cassette_get(&o, "raw")->text, "h\xC3\xA9", 3));
  cassette_object_free(&o);
}

static void test_parse_kinds(void) {
  cassette_object o;
  const char *json =
      "{\"n\":-12.5e+3,\"t\":true,\"f\":false,\"z\":null,\"l\":[\"a\",\"\\u00e9\"],\"e\":[],"
      "\"mixed\":[1,\"a\"],\"obj\":{\"k\":[{\"x\":\"}\"}]},\"n\":7}";
  CHECK(cassette_parse_object(json, strlen(json), &o) == NULL);
  CHECK(cassette_get(&o, "n")->kind == CASSETTE_NUMBER);
  CHECK(str_is(cassette_get(&o, "n")->text, "7", 1)); /* the last duplicate wins */
  CHECK(cassette_get(&o, "t")->kind == CASSETTE_BOOL && cassette_get(&o, "t")->boolean);
  CHECK(cassette_get(&o, "f")->kind == CASSETTE_BOOL && !cassette_get(&o, "f")->boolean);
  CHECK(cassette_get(&o, "z")->kind == CASSETTE_NULL);
  const cassette_field *l = cassette_get(&o, "l");
  CHECK(l->kind == CASSETTE_STRING_LIST && l->count == 2 && str_is(l->items[1], "\xC3\xA9", 2));
  CHECK(cassette_get(&o, "e")->kind == CASSETTE_STRING_LIST && cassette_get(&o, "e")->count == 0);
  CHECK(cassette_get(&o, "mixed")->kind == CASSETTE_OTHER);
  CHECK(str_is(cassette_get(&o, "mixed")->text, "[1,\"a\"]", 7));
  CHECK(str_is(cassette_get(&o, "obj")->text, "{\"k\":[{\"x\":\"}\"}]}", 17));
  CHECK(cassette_get(&o, "missing") == NULL);
  cassette_object_free(&o);
  CHECK(cassette_parse_object("{}", 2, &o) == NULL && o.count == 0);
  cassette_object_free(&o);
}

static void expect_error(const char *json, const char *message) {
  cassette_object o;
  const char *error = cassette_parse_object(json, strlen(json), &o);
  checks++;
  if (error == NULL || strcmp(error, message) != 0) {
    failures++;
    fprintf(stderr, "parse of %s: expected error '%s' but was '%s'\n", json, message,
            error ? error : "(none)");
    if (error == NULL) cassette_object_free(&o);
  }
}

static void test_parse_errors(void) {
  expect_error("", "expected '{' at offset 0");
  expect_error("[]", "expected '{' at offset 0");
  expect_error("{\"a\" 1}", "expected ':' at offset 5");
  expect_error("{\"a\":1,}", "expected string at offset 7");
  expect_error("{\"a\":1} x", "trailing characters at offset 8");
  expect_error("{\"a\":\"x", "unterminated string at offset 7");
  expect_error("{\"a\":\"\x01\"}", "control character in string at offset 6");
  expect_error("{\"a\":\"\\x\"}", "invalid escape at offset 7");
  expect_error("{\"a\":\"\\u12G4\"}", "invalid \\u escape at offset 8");
  expect_error("{\"a\":01}", "expected ',' or '}' at offset 6");
  expect_error("{\"a\":-}", "invalid number at offset 6");
  expect_error("{\"a\":1.}", "invalid number at offset 7");
  expect_error("{\"a\":tru}", "invalid literal at offset 5");
  expect_error("{\"a\":[\"x\" \"y\"]}", "expected ',' or ']' at offset 10");
  expect_error("{\"a\":{\"b\":}}", "unexpected character at offset 10");
}

static bool number_u64(const char *text, uint64_t *v) {
  return cassette_number_u64((cassette_str){text, strlen(text)}, v);
}
static bool number_i64(const char *text, int64_t *v) {
  return cassette_number_i64((cassette_str){text, strlen(text)}, v);
}

static void test_numbers(void) {
  uint64_t u;
  int64_t i;
  double d;
  CHECK(number_u64("18446744073709551615", &u) && u == UINT64_MAX);
  CHECK(!number_u64("18446744073709551616", &u));
  CHECK(!number_u64("-1", &u));
  CHECK(number_u64("-0", &u) && u == 0);
  CHECK(number_u64("5.0", &u) && u == 5);
  CHECK(number_u64("1e3", &u) && u == 1000);
  CHECK(!number_u64("5.5", &u));
  CHECK(number_i64("-9223372036854775808", &i) && i == INT64_MIN);
  CHECK(number_i64("9223372036854775807", &i) && i == INT64_MAX);
  CHECK(!number_i64("9223372036854775808", &i));
  CHECK(!number_i64("-9223372036854775809", &i));
  CHECK(number_i64("-42", &i) && i == -42);
  CHECK(cassette_number_f64((cassette_str){"1e-3", 4}, &d) && d == 0.001);
  CHECK(!cassette_number_f64((cassette_str){"1e999", 5}, &d));
}

static bool written(cassette_buf *b, const char *expected) {
  bool same = b->len == strlen(expected) && memcmp(b->data, expected, b->len) == 0;
  if (!same) fprintf(stderr, "wrote %.*s, expected %s\n", (int)b->len, b->data, expected);
  free(b->data);
  *b = (cassette_buf){0};
  return same;
}

static void test_writer(void) {
  cassette_buf b = {0};
  cassette_string(&b, "q\"b\\\n\t\x01\x1f\x7f", 9);
  CHECK(written(&b, "\"q\\\"b\\\\\\n\\t\\u0001\\u001f\x7f\""));
  cassette_string(&b, "\xC3\xA9\xF0\x9F\x98\x80", 6);
  CHECK(written(&b, "\"\xC3\xA9\xF0\x9F\x98\x80\""));
  cassette_string(&b, "a\xFF" "b\xED\xA0\x80" "c\xC3", 8);
  CHECK(written(&b, "\"a\xEF\xBF\xBD" "b\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD" "c\xEF\xBF\xBD\""));
  cassette_string(&b, "a\0b", 3);
  CHECK(written(&b, "\"a\\u0000b\""));
  CHECK(cassette_f64(&b, 0.1 + 0.2));
  CHECK(written(&b, "0.30000000000000004"));
  CHECK(cassette_f64(&b, 2.5));
  CHECK(written(&b, "2.5"));
  CHECK(cassette_f64(&b, 5));
  CHECK(written(&b, "5.0"));
  CHECK(cassette_f64(&b, -0.0));
  CHECK(written(&b, "-0.0"));
  CHECK(cassette_f64(&b, 1e300));
  CHECK(written(&b, "1e+300"));
  CHECK(!cassette_f64(&b, 1e308 * 10) && b.len == 0);
  cassette_i64(&b, INT64_MIN);
  CHECK(written(&b, "-9223372036854775808"));
  cassette_u64(&b, UINT64_MAX);
  CHECK(written(&b, "18446744073709551615"));
  cassette_raw_cstr(&b, "{\"ok\":");
  cassette_err(&b, "cannot open %s: %s", "/x\"", "not found");
  CHECK(written(&b, "{\"err\":\"cannot open /x\\\": not found\"}"));
  char long_message[600];
  memset(long_message, 'm', sizeof long_message - 1);
  long_message[sizeof long_message - 1] = '\0';
  cassette_err(&b, "%s", long_message);
  CHECK(b.len == sizeof long_message - 1 + 10);
  free(b.data);
}

static void test_utf8(void) {
  CHECK(cassette_utf8_valid("\xF4\x8F\xBF\xBF", 4));
  CHECK(!cassette_utf8_valid("\xF4\x90\x80\x80", 4)); /* above U+10FFFF */
  CHECK(!cassette_utf8_valid("\xC0\xAF", 2));         /* overlong */
  CHECK(!cassette_utf8_valid("\xE0\x80\xAF", 3));     /* overlong */
  CHECK(!cassette_utf8_valid("\xED\xBF\xBF", 3));     /* surrogate */
  CHECK(!cassette_utf8_valid("\xE2\x82", 2));         /* truncated */
  size_t i = 0;
  CHECK(cassette_utf8_next("\xF0\x9F\x98\x80", 4, &i) == 0x1F600 && i == 4);
}

static bool strict_tool(const cassette_object *args, cassette_buf *out) {
  cassette_str s;
  if (!cassette_arg_string(args, "s", &s, out)) return false;
  cassette_raw_cstr(out, "{\"ok\":");
  cassette_string(out, s.ptr, s.len);
  cassette_raw_cstr(out, "}");
  return true;
}

static char *call(const char *json, bool result_typed, size_t *len) {
  size_t n = strlen(json);
  int32_t in = cassette_alloc((int32_t)n);
  memcpy(cassette_native_pointer(in), json, n);
  int64_t packed = cassette_invoke(in, (int32_t)n, strict_tool, result_typed);
  cassette_free(in, (int32_t)n);
  if (packed == 0) return NULL;
  return cassette_unpack(packed, len);
}

static void test_invoke(void) {
  size_t len;
  char *out = call("{\"s\":\"\\u00e9\"}", true, &len);
  CHECK(out != NULL && len == 11 && memcmp(out, "{\"ok\":\"\xC3\xA9\"}", len) == 0);
  free(out);
  out = call("{\"s\":1}", true, &len);
  CHECK(out != NULL && strncmp(out, "{\"err\":\"argument 's' must be a string\"}", len) == 0);
  free(out);
  out = call("{}", true, &len);
  CHECK(out != NULL && strncmp(out, "{\"err\":\"missing argument 's'\"}", len) == 0);
  free(out);
  out = call("{", true, &len);
  CHECK(out != NULL &&
        strncmp(out, "{\"err\":\"invalid arguments: expected string at offset 1\"}", len) == 0);
  free(out);
  CHECK(call("{", false, &len) == NULL);
  out = call("", true, &len);
  CHECK(out != NULL && strncmp(out, "{\"err\":\"missing argument 's'\"}", len) == 0);
  free(out);
  CHECK(call("{}", false, &len) == NULL);
  int64_t described = cassette_describe();
  char *description = cassette_unpack(described, &len);
  CHECK(len == strlen(cassette_description) && memcmp(description, cassette_description, len) == 0);
  free(description);
}

/* Random mutations of valid documents must never crash, leak or read out of bounds. */
static void test_mutations(void) {
  const char *seed = "{\"a\":\"x\\u00e9\\ud83d\\ude00\",\"b\":[\"p\",\"q\"],\"c\":{\"d\":[1,2.5e3,null]},"
                     "\"e\":-0.5,\"f\":true}";
  size_t n = strlen(seed);
  char *buf = malloc(n);
  srand(12345);
  for (int round = 0; round < 200000; round++) {
    memcpy(buf, seed, n);
    int edits = 1 + rand() % 4;
    for (int k = 0; k < edits; k++) buf[rand() % n] = (char)(rand() % 256);
    size_t len = (size_t)(rand() % (int)(n + 1));
    char *exact = malloc(len ? len : 1);
    memcpy(exact, buf, len);
    cassette_object o;
    if (cassette_parse_object(exact, len, &o) == NULL) cassette_object_free(&o);
    free(exact);
  }
  free(buf);
  checks++;
}

int main(void) {
  test_parse_strings();
  test_parse_kinds();
  test_parse_errors();
  test_numbers();
  test_writer();
  test_utf8();
  test_invoke();
  test_mutations();
  printf("sdk_test: %d checks, %d failures\n", checks, failures);
  return failures == 0 ? 0 : 1;
}
