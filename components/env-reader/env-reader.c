/* env-reader: reads one environment variable the policy lets through. */
#include <stdlib.h>
#include <string.h>

#include "../sdk/cassette.h"

const char cassette_description[] =
    "{\"description\":\"Reads environment variables; the host passes only the keys its policy allows.\","
    "\"tools\":["
    "{\"export\":\"get-env\",\"interface\":null,"
    "\"description\":\"Returns the value of the environment variable key, or null when it is not set "
    "(or not allowed by policy).\","
    "\"params\":[{\"name\":\"key\",\"type\":\"string\"}],"
    "\"result\":{\"option\":\"string\"}}"
    "]}";

/* Not result-typed: malformed arguments produce no output and the host reports the failure. */
static bool get_env(const cassette_object *args, cassette_buf *out) {
  const cassette_field *key = cassette_get(args, "key");
  if (key == NULL || key->kind != CASSETTE_STRING) return false;
  /* A key holding '=' or NUL can never name a variable. */
  const char *value = NULL;
  if (strlen(key->text.ptr) == key->text.len && strchr(key->text.ptr, '=') == NULL &&
      key->text.len > 0) {
    value = getenv(key->text.ptr);
  }
  if (value == NULL) {
    cassette_null(out);
  } else {
    cassette_string_cstr(out, value);
  }
  return true;
}

CASSETTE_TOOL("get-env", get_env, false)
