/* calculator: floating-point arithmetic and checked integer operations. */
#include <math.h>

#include "../sdk/cassette.h"

const char cassette_description[] =
    "{\"description\":\"Arithmetic on numbers: f64 operations and checked integer operations.\","
    "\"tools\":["
    "{\"export\":\"add\",\"interface\":null,\"description\":\"Adds a and b.\","
    "\"params\":[{\"name\":\"a\",\"type\":\"f64\"},{\"name\":\"b\",\"type\":\"f64\"}],"
    "\"result\":{\"result\":{\"ok\":\"f64\",\"err\":\"string\"}}},"
    "{\"export\":\"subtract\",\"interface\":null,\"description\":\"Subtracts b from a.\","
    "\"params\":[{\"name\":\"a\",\"type\":\"f64\"},{\"name\":\"b\",\"type\":\"f64\"}],"
    "\"result\":{\"result\":{\"ok\":\"f64\",\"err\":\"string\"}}},"
    "{\"export\":\"multiply\",\"interface\":null,\"description\":\"Multiplies a by b.\","
    "\"params\":[{\"name\":\"a\",\"type\":\"f64\"},{\"name\":\"b\",\"type\":\"f64\"}],"
    "\"result\":{\"result\":{\"ok\":\"f64\",\"err\":\"string\"}}},"
    "{\"export\":\"divide\",\"interface\":null,\"description\":\"Divides a by b.\","
    "\"params\":[{\"name\":\"a\",\"type\":\"f64\"},{\"name\":\"b\",\"type\":\"f64\"}],"
    "\"result\":{\"result\":{\"ok\":\"f64\",\"err\":\"string\"}}},"
    "{\"export\":\"compare\",\"interface\":null,\"description\":\"Orders a against b.\","
    "\"params\":[{\"name\":\"a\",\"type\":\"f64\"},{\"name\":\"b\",\"type\":\"f64\"}],"
    "\"result\":{\"enum\":[\"less\",\"equal\",\"greater\"]}},"
    "{\"export\":\"is-integer\",\"interface\":null,"
    "\"description\":\"Tells whether a has no fractional part.\","
    "\"params\":[{\"name\":\"a\",\"type\":\"f64\"}],"
    "\"result\":\"bool\"},"
    "{\"export\":\"factorial\",\"interface\":\"local:calculator/ops\","
    "\"description\":\"Computes n! exactly; fails with overflow above 20!.\","
    "\"params\":[{\"name\":\"n\",\"type\":\"u32\"}],"
    "\"result\":{\"result\":{\"ok\":\"u64\",\"err\":\"string\"}}},"
    "{\"export\":\"checked-add\",\"interface\":\"local:calculator/ops\","
    "\"description\":\"Adds two signed 64-bit integers; fails with overflow instead of wrapping.\","
    "\"params\":[{\"name\":\"a\",\"type\":\"s64\"},{\"name\":\"b\",\"type\":\"s64\"}],"
    "\"result\":{\"result\":{\"ok\":\"s64\",\"err\":\"string\"}}}"
    "]}";

static bool operands(const cassette_object *args, double *a, double *b, cassette_buf *out) {
  return cassette_arg_f64(args, "a", a, out) && cassette_arg_f64(args, "b", b, out);
}

static bool ok_f64(double value, cassette_buf *out) {
  if (!isfinite(value)) return cassette_err(out, "overflow");
  cassette_raw_cstr(out, "{\"ok\":");
  cassette_f64(out, value);
  cassette_raw_cstr(out, "}");
  return true;
}

static bool add(const cassette_object *args, cassette_buf *out) {
  double a, b;
  return operands(args, &a, &b, out) && ok_f64(a + b, out);
}

static bool subtract(const cassette_object *args, cassette_buf *out) {
  double a, b;
  return operands(args, &a, &b, out) && ok_f64(a - b, out);
}

static bool multiply(const cassette_object *args, cassette_buf *out) {
  double a, b;
  return operands(args, &a, &b, out) && ok_f64(a * b, out);
}

static bool divide(const cassette_object *args, cassette_buf *out) {
  double a, b;
  if (!operands(args, &a, &b, out)) return false;
  if (b == 0) return cassette_err(out, "division by zero");
  return ok_f64(a / b, out);
}

/* Not result-typed: malformed arguments produce no output and the host reports the failure. */
static bool compare(const cassette_object *args, cassette_buf *out) {
  double a, b;
  if (!cassette_arg_f64(args, "a", &a, out) || !cassette_arg_f64(args, "b", &b, out)) return false;
  cassette_string_cstr(out, a < b ? "less" : a > b ? "greater" : "equal");
  return true;
}

static bool is_integer(const cassette_object *args, cassette_buf *out) {
  double a;
  if (!cassette_arg_f64(args, "a", &a, out)) return false;
  cassette_bool(out, a == floor(a));
  return true;
}

static bool factorial(const cassette_object *args, cassette_buf *out) {
  uint64_t n, value = 1;
  if (!cassette_arg_u64(args, "n", UINT32_MAX, &n, out)) return false;
  for (uint64_t k = 2; k <= n; k++) {
    if (value > UINT64_MAX / k) return cassette_err(out, "overflow");
    value *= k;
  }
  cassette_raw_cstr(out, "{\"ok\":");
  cassette_u64(out, value);
  cassette_raw_cstr(out, "}");
  return true;
}

static bool checked_add(const cassette_object *args, cassette_buf *out) {
  int64_t a, b, sum;
  if (!cassette_arg_i64(args, "a", &a, out) || !cassette_arg_i64(args, "b", &b, out)) return false;
  if (__builtin_add_overflow(a, b, &sum)) return cassette_err(out, "overflow");
  cassette_raw_cstr(out, "{\"ok\":");
  cassette_i64(out, sum);
  cassette_raw_cstr(out, "}");
  return true;
}

CASSETTE_TOOL("add", add, true)
CASSETTE_TOOL("subtract", subtract, true)
CASSETTE_TOOL("multiply", multiply, true)
CASSETTE_TOOL("divide", divide, true)
CASSETTE_TOOL("compare", compare, false)
CASSETTE_TOOL("is-integer", is_integer, false)
CASSETTE_TOOL("factorial", factorial, true)
CASSETTE_TOOL("checked-add", checked_add, true)
