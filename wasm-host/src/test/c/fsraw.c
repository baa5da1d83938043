/*
 * Hostile test guest for the Cassette Wasm host's filesystem guard: it calls the WASI path functions
 * directly (no libc path mapping), so it can pass absolute and ".." paths, and it runs the two sides
 * of a check-and-use race. Every tool takes "dir" (a granted directory, opened as the descriptor the
 * paths are relative to). Failures answer {"err":"errno N"} with the WASI errno.
 */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wasi/api.h>

#include "guest.h"

#define STR "\"string\""
static const char DESCRIPTION[] =
    "{\"description\":\"Raw WASI path calls for sandbox tests.\",\"tools\":["
    "{\"export\":\"raw_op\",\"interface\":null,\"description\":\"One raw WASI path call.\","
    "\"params\":[{\"name\":\"op\",\"type\":{\"enum\":[\"rename\",\"symlink\",\"link\","
    "\"touch_nofollow\",\"read\"]}},{\"name\":\"dir\",\"type\":" STR "},"
    "{\"name\":\"path\",\"type\":" STR "},{\"name\":\"other\",\"type\":" STR "}],"
    "\"result\":{\"result\":{\"ok\":\"string\",\"err\":\"string\"}}},"
    "{\"export\":\"flip\",\"interface\":null,\"description\":\"Swaps directory c with link cl.\","
    "\"params\":[{\"name\":\"dir\",\"type\":" STR "},{\"name\":\"times\",\"type\":" STR "}],"
    "\"result\":{\"result\":{\"ok\":\"string\",\"err\":\"string\"}}},"
    "{\"export\":\"read_loop\",\"interface\":null,\"description\":\"Reads a file many times.\","
    "\"params\":[{\"name\":\"dir\",\"type\":" STR "},{\"name\":\"path\",\"type\":" STR "},"
    "{\"name\":\"times\",\"type\":" STR "}],"
    "\"result\":{\"result\":{\"ok\":\"string\",\"err\":\"string\"}}}]}";

EXPORT("cassette_describe") int64_t cassette_describe(void) {
  return ((int64_t)(uintptr_t)DESCRIPTION << 32) | (int64_t)(sizeof DESCRIPTION - 1);
}

static int64_t outcome(__wasi_errno_t rc, const char *ok) {
  if (rc == 0) return reply("ok", ok);
  char text[32];
  snprintf(text, sizeof text, "errno %d", rc);
  return reply("err", text);
}

/* Reads up to size-1 bytes of path (relative to dir) into buf; 0 or a WASI errno. */
static __wasi_errno_t read_file(__wasi_fd_t dir, const char *path, char *buf, size_t size) {
  __wasi_fd_t file;
  __wasi_errno_t rc = __wasi_path_open(dir, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, path, 0,
                                       __WASI_RIGHTS_FD_READ, 0, 0, &file);
  if (rc != 0) return rc;
  __wasi_iovec_t iov = {(uint8_t *)buf, size - 1};
  __wasi_size_t n = 0;
  rc = __wasi_fd_read(file, &iov, 1, &n);
  buf[rc == 0 ? n : 0] = 0;
  (void)__wasi_fd_close(file);
  return rc;
}

static __wasi_fd_t open_dir(const char *path) { return open(path, O_RDONLY | O_DIRECTORY); }

EXPORT("raw_op") int64_t raw_op(const char *args, int32_t len) {
  char *op = arg(args, len, "op");
  char *path = arg(args, len, "path");
  char *other = arg(args, len, "other");
  int dir = open_dir(arg(args, len, "dir"));
  if (dir < 0) return reply("err", "cannot open dir");
  if (strcmp(op, "rename") == 0) return outcome(__wasi_path_rename(dir, path, dir, other), "done");
  if (strcmp(op, "symlink") == 0) return outcome(__wasi_path_symlink(other, dir, path), "done");
  if (strcmp(op, "link") == 0) return outcome(__wasi_path_link(dir, 0, path, dir, other), "done");
  if (strcmp(op, "touch_nofollow") == 0) {
    __wasi_timestamp_t second = 1000000000ull;
    return outcome(__wasi_path_filestat_set_times(dir, 0, path, second, second,
                                                  __WASI_FSTFLAGS_ATIM | __WASI_FSTFLAGS_MTIM),
                   "done");
  }
  if (strcmp(op, "read") == 0) {
    static char content[256];
    __wasi_errno_t rc = read_file(dir, path, content, sizeof content);
    return rc == 0 ? reply("ok", content) : outcome(rc, "");
  }
  return reply("err", "unknown op");
}

/* Swaps directory "c" with symbolic link "cl" and back, again and again. */
EXPORT("flip") int64_t flip(const char *args, int32_t len) {
  int dir = open_dir(arg(args, len, "dir"));
  long times = atol(arg(args, len, "times"));
  if (dir < 0) return reply("err", "cannot open dir");
  long failed = 0;
  for (long i = 0; i < times; i++) {
    failed += __wasi_path_rename(dir, "c", dir, "c_real") != 0;
    failed += __wasi_path_rename(dir, "cl", dir, "c") != 0;
    failed += __wasi_path_rename(dir, "c", dir, "cl") != 0;
    failed += __wasi_path_rename(dir, "c_real", dir, "c") != 0;
  }
  char text[64];
  snprintf(text, sizeof text, "%ld renames failed", failed);
  return reply("ok", text);
}

/* Reads path many times; counts the reads that saw the text "secret". */
EXPORT("read_loop") int64_t read_loop(const char *args, int32_t len) {
  int dir = open_dir(arg(args, len, "dir"));
  char *path = arg(args, len, "path");
  long times = atol(arg(args, len, "times"));
  if (dir < 0) return reply("err", "cannot open dir");
  long leaked = 0;
  long failed = 0;
  char content[64];
  for (long i = 0; i < times; i++) {
    if (read_file(dir, path, content, sizeof content) != 0) {
      failed++;
    } else if (strcmp(content, "secret") == 0) {
      leaked++;
    }
  }
  char text[64];
  snprintf(text, sizeof text, "%ld leaked, %ld failed", leaked, failed);
  return reply("ok", text);
}
