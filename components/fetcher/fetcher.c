/* fetcher: HTTP GET through the host's cassette.http_fetch import, subject to the network policy. */
#include <stdlib.h>
#include <string.h>

#include "../sdk/cassette.h"

CASSETTE_IMPORT("cassette", "http_fetch") int64_t cassette_http_fetch(int32_t req_ptr, int32_t req_len);

const char cassette_description[] =
    "{\"description\":\"Fetches URLs over HTTP; the host allows only the hosts its network policy "
    "grants.\","
    "\"tools\":["
    "{\"export\":\"fetch\",\"interface\":null,"
    "\"description\":\"Sends GET to url and returns the status code and the body as text.\","
    "\"params\":[{\"name\":\"url\",\"type\":\"string\"}],"
    "\"result\":{\"result\":{\"ok\":{\"record\":[{\"name\":\"status\",\"type\":\"u16\"},"
    "{\"name\":\"body\",\"type\":\"string\"}]},\"err\":\"string\"}}}"
    "]}";

static bool starts_with(cassette_str s, const char *prefix) {
  size_t n = strlen(prefix);
  return s.len >= n && strncmp(s.ptr, prefix, n) == 0;
}

/* Turns the host's response document into this tool's result. */
static bool answer(const char *response, size_t len, cassette_buf *out) {
  cassette_object doc;
  const char *error = cassette_parse_object(response, len, &doc);
  if (error != NULL) return cassette_err(out, "malformed response from host: %s", error);
  const cassette_field *failure = cassette_get(&doc, "error");
  const cassette_field *status = cassette_get(&doc, "status");
  const cassette_field *body = cassette_get(&doc, "body");
  uint64_t code;
  bool ok;
  if (failure != NULL && failure->kind == CASSETTE_STRING) {
    ok = cassette_err(out, "%s", failure->text.ptr);
  } else if (status == NULL || status->kind != CASSETTE_NUMBER ||
             !cassette_number_u64(status->text, &code) || code > 65535) {
    ok = cassette_err(out, "malformed response from host: no status");
  } else {
    cassette_raw_cstr(out, "{\"ok\":{\"status\":");
    cassette_u64(out, code);
    cassette_raw_cstr(out, ",\"body\":");
    if (body != NULL && body->kind == CASSETTE_STRING) {
      cassette_string(out, body->text.ptr, body->text.len);
    } else {
      cassette_string_cstr(out, "");
    }
    cassette_raw_cstr(out, "}}");
    ok = true;
  }
  cassette_object_free(&doc);
  return ok;
}

static bool fetch(const cassette_object *args, cassette_buf *out) {
  cassette_str url;
  if (!cassette_arg_string(args, "url", &url, out)) return false;
  if (!starts_with(url, "http://") && !starts_with(url, "https://")) {
    return cassette_err(out, "unsupported URL %s: only http and https are allowed", url.ptr);
  }
  cassette_buf request = {0};
  cassette_raw_cstr(&request, "{\"method\":\"GET\",\"url\":");
  cassette_string(&request, url.ptr, url.len);
  cassette_raw_cstr(&request, "}");
  if (request.failed) {
    free(request.data);
    return false;
  }
  int64_t packed = cassette_pack(request.data, request.len);
  if (packed == 0) {
    free(request.data);
    return false;
  }
  int32_t request_address = (int32_t)(uint32_t)((uint64_t)packed >> 32);
  int64_t response = cassette_http_fetch(request_address, (int32_t)request.len);
  cassette_free(request_address, (int32_t)request.len);
  if (response == 0) return cassette_err(out, "host returned no response");
  size_t len;
  char *bytes = cassette_unpack(response, &len);
  bool ok = bytes != NULL ? answer(bytes, len, out)
                          : cassette_err(out, "host returned no response");
  cassette_free((int32_t)(uint32_t)((uint64_t)response >> 32), (int32_t)len);
  return ok;
}

CASSETTE_TOOL("fetch", fetch, true)
