#!/bin/sh
# Builds and runs the native SDK test with gcc, AddressSanitizer and UndefinedBehaviorSanitizer.
set -eu
cd "$(dirname "$0")"
out="${TMPDIR:-/tmp}/cassette-sdk-test.$$"
trap 'rm -f "$out"' EXIT
"${CC:-gcc}" -std=gnu11 -O1 -g -Wall -Wextra -Werror -fsanitize=address,undefined \
  -fno-sanitize-recover=all -o "$out" sdk_test.c ../sdk/*.c -lm
"$out"
