/*
 * The glibc 2.38 entry points that the Wassette release binary calls, for hosts whose glibc is older
 * (Debian 12 has 2.36). Loaded with LD_PRELOAD by bin/wassette only on such hosts; see README.md.
 * C23's strtol and sscanf differ from C99's only in accepting a "0b" binary prefix, which Wassette's
 * callers (glibc-internal parsing of /proc and locale data by its Rust dependencies) never pass.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

long __isoc23_strtol(const char *s, char **end, int base) { return strtol(s, end, base); }

int __isoc23_sscanf(const char *s, const char *format, ...) {
  va_list args;
  va_start(args, format);
  int n = vsscanf(s, format, args);
  va_end(args);
  return n;
}
