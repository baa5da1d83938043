/*
 * Cassette guest SDK: the plumbing of Cassette's guest ABI v1 (see docs/components.md).
 *
 * Exports cassette_alloc, cassette_free and cassette_describe; parses the flat JSON argument object of a
 * tool call; writes JSON results; packs (ptr << 32) | len. C only, no external libraries.
 */
#ifndef CASSETTE_H
#define CASSETTE_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __wasm__
#define CASSETTE_EXPORT(name) __attribute__((export_name(name)))
#define CASSETTE_IMPORT(module, name) __attribute__((import_module(module), import_name(name)))
#else
#define CASSETTE_EXPORT(name)
#define CASSETTE_IMPORT(module, name)
#endif

/* A byte string that is not NUL-terminated by contract (it may hold U+0000), though the SDK always
 * stores a terminating NUL after the last byte for convenience. */
typedef struct {
  const char *ptr;
  size_t len;
} cassette_str;

typedef enum {
  CASSETTE_NULL,
  CASSETTE_BOOL,
  CASSETTE_NUMBER,       /* raw text kept in `text`, converted on demand */
  CASSETTE_STRING,       /* decoded UTF-8 in `text` */
  CASSETTE_STRING_LIST,  /* decoded UTF-8 items in `items` */
  CASSETTE_OTHER         /* nested object or non-string array: raw JSON text in `text` */
} cassette_kind;

typedef struct {
  cassette_str key;
  cassette_kind kind;
  bool boolean;
  cassette_str text;
  cassette_str *items;
  size_t count;
} cassette_field;

/* A parsed flat JSON object. A duplicate key keeps its last value, as most JSON readers do. */
typedef struct {
  cassette_field *fields;
  size_t count;
  char *arena; /* owns every decoded string */
} cassette_object;

/* Parses `len` bytes of JSON holding one object. Returns NULL on success, else a static message
 * ("expected ':' at offset 7"-style, written into an internal buffer). Free with cassette_object_free. */
const char *cassette_parse_object(const char *json, size_t len, cassette_object *out);
void cassette_object_free(cassette_object *object);
const cassette_field *cassette_get(const cassette_object *object, const char *key);

/* Number conversions of a CASSETTE_NUMBER field's text; false when out of range or not an integer. */
bool cassette_number_f64(cassette_str text, double *out);
bool cassette_number_i64(cassette_str text, int64_t *out);
bool cassette_number_u64(cassette_str text, uint64_t *out);

/* Strict UTF-8 check (no overlongs, no surrogates, nothing above U+10FFFF). */
bool cassette_utf8_valid(const char *s, size_t len);
/* Decodes the code point at s[*i] of valid UTF-8 and advances *i (by one byte on invalid input). */
uint32_t cassette_utf8_next(const char *s, size_t len, size_t *i);
/* Length of the valid UTF-8 sequence at s[i] (1 to 4), or 0 when it is invalid or truncated. */
size_t cassette_utf8_sequence(const char *s, size_t len, size_t i);
/* Writes the UTF-8 form of cp (at most 4 bytes; surrogates in their 3-byte form) and returns its length. */
size_t cassette_utf8_encode(uint32_t cp, char *out);

/* A growable output buffer. Any allocation failure sets `failed`; the tool then returns 0. */
typedef struct {
  char *data;
  size_t len;
  size_t cap;
  bool failed;
} cassette_buf;

void cassette_raw(cassette_buf *out, const char *s, size_t len);
void cassette_raw_cstr(cassette_buf *out, const char *s);
/* Writes a JSON string; control characters are escaped and invalid UTF-8 becomes U+FFFD. */
void cassette_string(cassette_buf *out, const char *s, size_t len);
void cassette_string_cstr(cassette_buf *out, const char *s);
/* Writes the shortest decimal that reads back as `value`, with ".0" on integral values; false if the
 * value is not finite (JSON has no infinities or NaN) and nothing was written. */
bool cassette_f64(cassette_buf *out, double value);
void cassette_i64(cassette_buf *out, int64_t value);
void cassette_u64(cassette_buf *out, uint64_t value);
void cassette_bool(cassette_buf *out, bool value);
void cassette_null(cassette_buf *out);
/* Replaces whatever was written with {"err": "<formatted message>"}. Always returns false. */
bool cassette_err(cassette_buf *out, const char *format, ...) __attribute__((format(printf, 2, 3)));

/* Argument accessors for result-typed tools: on a missing or mistyped argument they write
 * {"err": "argument 'name' ..."} and return false. */
bool cassette_arg_string(const cassette_object *args, const char *name, cassette_str *value,
                         cassette_buf *out);
bool cassette_arg_f64(const cassette_object *args, const char *name, double *value, cassette_buf *out);
bool cassette_arg_i64(const cassette_object *args, const char *name, int64_t *value, cassette_buf *out);
bool cassette_arg_u64(const cassette_object *args, const char *name, uint64_t max, uint64_t *value,
                      cassette_buf *out);

/*
 * A tool body: reads `args`, writes its JSON return value to `out`. Returns false when it produced no
 * value (for a tool without a result type, e.g. on malformed arguments): the export then returns 0.
 * For a result-typed tool, arguments that are not a JSON object become {"err": "invalid arguments: …"}.
 */
typedef bool (*cassette_tool)(const cassette_object *args, cassette_buf *out);

/* Runs a tool on the argument bytes at args_ptr and returns the packed output (0 on failure).
 * Zero argument bytes read as the empty object {}. */
int64_t cassette_invoke(int32_t args_ptr, int32_t args_len, cassette_tool tool, bool result_typed);

/* Declares the export `name` running `fn`. */
#define CASSETTE_TOOL(name, fn, result_typed)                                   \
  CASSETTE_EXPORT(name) int64_t cassette_export_##fn(int32_t ptr, int32_t len) { \
    return cassette_invoke(ptr, len, fn, result_typed);                          \
  }

/* Every component defines this: its description document (see docs/components.md). */
extern const char cassette_description[];

/* Packs a malloc'd block as (ptr << 32) | len; unpacks (and natively, remembers) such a value. */
int64_t cassette_pack(char *ptr, size_t len);
char *cassette_unpack(int64_t packed, size_t *len);

/* The exports themselves, callable from native test drivers. */
int32_t cassette_alloc(int32_t size);
void cassette_free(int32_t ptr, int32_t size);
int64_t cassette_describe(void);

#ifndef __wasm__
/* Natively a pointer does not fit in 32 bits: the packed value carries a handle into this table. */
char *cassette_native_pointer(int32_t handle);
int32_t cassette_native_handle(char *pointer);
#endif

#endif
