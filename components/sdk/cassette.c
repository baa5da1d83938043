/* Cassette guest SDK: the ABI exports, packing, argument helpers and tool invocation. */
#include "cassette.h"

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
