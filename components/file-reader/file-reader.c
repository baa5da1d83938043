/* file-reader: lists directories and reads UTF-8 text files through WASI preopens. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../sdk/cassette.h"

#define MAX_FILE_BYTES (1024 * 1024)

const char cassette_description[] =
    "{\"description\":\"Reads files and lists directories inside the folders its storage policy grants.\","
    "\"tools\":["
    "{\"export\":\"list-files\",\"interface\":null,"
    "\"description\":\"Lists the entries of the directory at path, sorted by name; directories end "
    "with '/'.\","
    "\"params\":[{\"name\":\"path\",\"type\":\"string\"}],"
    "\"result\":{\"result\":{\"ok\":{\"list\":\"string\"},\"err\":\"string\"}}},"
    "{\"export\":\"read-file\",\"interface\":null,"
    "\"description\":\"Returns the content of the UTF-8 text file at path (at most 1 MiB).\","
    "\"params\":[{\"name\":\"path\",\"type\":\"string\"}],"
    "\"result\":{\"result\":{\"ok\":\"string\",\"err\":\"string\"}}}"
    "]}";

static const char *reason(int error) {
  switch (error) {
    case ENOENT: return "not found";
#ifdef ENOTCAPABLE
    case ENOTCAPABLE:
#endif
    case EACCES:
    case EPERM: return "permission denied";
    case ENOTDIR: return "not a directory";
    case EISDIR: return "is a directory";
    default: return strerror(error);
  }
}

static bool path_argument(const cassette_object *args, cassette_str *path, cassette_buf *out) {
  if (!cassette_arg_string(args, "path", path, out)) return false;
  if (path->len == 0 || strlen(path->ptr) != path->len) {
    return cassette_err(out, "argument 'path' must be a non-empty path without NUL characters");
  }
  return true;
}

static int by_name(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool is_directory(DIR *dir, const struct dirent *entry) {
  if (entry->d_type != DT_UNKNOWN) return entry->d_type == DT_DIR;
  struct stat st;
  return fstatat(dirfd(dir), entry->d_name, &st, 0) == 0 && S_ISDIR(st.st_mode);
}

static void write_names(char **names, size_t count, cassette_buf *out) {
  qsort(names, count, sizeof *names, by_name);
  cassette_raw_cstr(out, "{\"ok\":[");
  for (size_t i = 0; i < count; i++) {
    if (i > 0) cassette_raw_cstr(out, ",");
    cassette_string_cstr(out, names[i]);
  }
  cassette_raw_cstr(out, "]}");
}

static bool list_files(const cassette_object *args, cassette_buf *out) {
  cassette_str path;
  if (!path_argument(args, &path, out)) return false;
  DIR *dir = opendir(path.ptr);
  if (dir == NULL) return cassette_err(out, "cannot open %s: %s", path.ptr, reason(errno));
  char **names = NULL;
  size_t count = 0, cap = 0;
  bool ok = true;
  struct dirent *entry;
  while (ok && (entry = readdir(dir)) != NULL) {
    if (strcmp(entry->d_name, ".") == 0 || strcmp(entry->d_name, "..") == 0) continue;
    if (count == cap) {
      cap = cap ? cap * 2 : 16;
      char **grown = realloc(names, cap * sizeof *grown);
      if (grown == NULL) {
        ok = false;
        break;
      }
      names = grown;
    }
    size_t n = strlen(entry->d_name);
    bool directory = is_directory(dir, entry);
    char *name = malloc(n + 2);
    if (name == NULL) {
      ok = false;
      break;
    }
    memcpy(name, entry->d_name, n);
    strcpy(name + n, directory ? "/" : "");
    names[count++] = name;
  }
  closedir(dir);
  if (ok) write_names(names, count, out);
  for (size_t i = 0; i < count; i++) free(names[i]);
  free(names);
  return ok;
}

static bool read_all(int fd, const char *path, cassette_buf *content, cassette_buf *out) {
  char chunk[4096];
  while (true) {
    ssize_t n = read(fd, chunk, sizeof chunk);
    if (n < 0) return cassette_err(out, "cannot read %s: %s", path, reason(errno));
    if (n == 0) return true;
    if (content->len + (size_t)n > MAX_FILE_BYTES) {
      return cassette_err(out, "cannot read %s: larger than %d bytes", path, MAX_FILE_BYTES);
    }
    cassette_raw(content, chunk, (size_t)n);
    if (content->failed) return false;
  }
}

static bool read_file(const cassette_object *args, cassette_buf *out) {
  cassette_str path;
  if (!path_argument(args, &path, out)) return false;
  int fd = open(path.ptr, O_RDONLY);
  if (fd < 0) return cassette_err(out, "cannot open %s: %s", path.ptr, reason(errno));
  struct stat st;
  if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
    close(fd);
    return cassette_err(out, "cannot read %s: is a directory", path.ptr);
  }
  cassette_buf content = {0};
  bool ok = read_all(fd, path.ptr, &content, out);
  close(fd);
  if (ok && !cassette_utf8_valid(content.data, content.len)) {
    ok = cassette_err(out, "cannot read %s: not valid UTF-8 text", path.ptr);
  } else if (ok) {
    cassette_raw_cstr(out, "{\"ok\":");
    cassette_string(out, content.len ? content.data : "", content.len);
    cassette_raw_cstr(out, "}");
  }
  free(content.data);
  return ok;
}

CASSETTE_TOOL("list-files", list_files, true)
CASSETTE_TOOL("read-file", read_file, true)
