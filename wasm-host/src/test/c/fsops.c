/*
 * Test guest for the Cassette Wasm host's filesystem guard: one tool, fs_op, that performs a single
 * filesystem operation and reports the outcome (or strerror(errno)).
 */
#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

#include "guest.h"

static const char DESCRIPTION[] =
    "{\"description\":\"Filesystem operations for sandbox tests.\",\"tools\":["
    "{\"export\":\"fs_op\",\"interface\":null,\"description\":\"Performs one filesystem operation.\","
    "\"params\":[{\"name\":\"op\",\"type\":{\"enum\":[\"mkdir\",\"rmdir\",\"unlink\",\"rename\","
    "\"link\",\"symlink\",\"utimes\",\"readlink\",\"stat\",\"list\",\"truncate\"]}},"
    "{\"name\":\"path\",\"type\":\"string\"},{\"name\":\"other\",\"type\":\"string\"}],"
    "\"result\":{\"result\":{\"ok\":\"string\",\"err\":\"string\"}}}]}";

EXPORT("cassette_describe") int64_t cassette_describe(void) {
  return ((int64_t)(uintptr_t)DESCRIPTION << 32) | (int64_t)(sizeof DESCRIPTION - 1);
}

static int64_t outcome(int rc, const char *ok) {
  return rc == 0 ? reply("ok", ok) : reply("err", strerror(errno));
}

EXPORT("fs_op") int64_t fs_op(const char *args, int32_t len) {
  char *op = arg(args, len, "op");
  char *path = arg(args, len, "path");
  char *other = arg(args, len, "other");
  if (strcmp(op, "mkdir") == 0) return outcome(mkdir(path, 0755), "done");
  if (strcmp(op, "rmdir") == 0) return outcome(rmdir(path), "done");
  if (strcmp(op, "unlink") == 0) return outcome(unlink(path), "done");
  if (strcmp(op, "rename") == 0) return outcome(rename(path, other), "done");
  if (strcmp(op, "link") == 0) return outcome(link(path, other), "done");
  if (strcmp(op, "symlink") == 0) return outcome(symlink(other, path), "done");
  if (strcmp(op, "truncate") == 0) return outcome(truncate(path, 0), "done");
  if (strcmp(op, "utimes") == 0) {
    struct timeval times[2] = {{1, 0}, {1, 0}};
    return outcome(utimes(path, times), "done");
  }
  if (strcmp(op, "readlink") == 0) {
    char target[256];
    ssize_t n = readlink(path, target, sizeof target - 1);
    if (n < 0) return reply("err", strerror(errno));
    target[n] = 0;
    return reply("ok", target);
  }
  if (strcmp(op, "stat") == 0) {
    struct stat st;
    if (stat(path, &st) != 0) return reply("err", strerror(errno));
    char text[64];
    snprintf(text, sizeof text, "size %lld", (long long)st.st_size);
    return reply("ok", text);
  }
  if (strcmp(op, "list") == 0) {
    DIR *dir = opendir(path);
    if (dir == NULL) return reply("err", strerror(errno));
    char names[1024] = "";
    struct dirent *entry;
    int count = 0;
    while ((entry = readdir(dir)) != NULL) {
      if (entry->d_name[0] == '.') continue;
      count++;
    }
    closedir(dir);
    snprintf(names, sizeof names, "%d entries", count);
    return reply("ok", names);
  }
  return reply("err", "unknown op");
}
