#!/bin/sh
# Rebuilds every component's .wasm from its C source and rewrites SHA256SUMS.
# Deterministic: the same sources and compiler give the same bytes (no debug info, no absolute paths).
# Needs: clang-14 lld-14 wasi-libc libclang-rt-14-dev-wasm32 (Debian/Ubuntu package names).
set -eu
cd "$(dirname "$0")"

CC="${CC:-clang-14}"
COMPONENTS="calculator clock-random env-reader fetcher file-reader text-tools"
SDK_SOURCES="sdk/cassette.c sdk/json_reader.c sdk/json_writer.c sdk/utf8.c"
SDK="sdk/cassette.h $SDK_SOURCES"

for id in $COMPONENTS; do
  "$CC" --target=wasm32-wasi -O2 -fuse-ld=lld -mexec-model=reactor -std=gnu11 \
    -Wall -Wextra -Werror -ffile-prefix-map="$PWD"=. -Wl,--strip-debug \
    -o "$id.wasm" "$id/$id.c" $SDK_SOURCES
  echo "built components/$id.wasm ($(wc -c < "$id.wasm") bytes)"
done

{
  for f in build.sh $SDK; do sha256sum "$f"; done
  for id in $COMPONENTS; do
    sha256sum "$id/$id.c"
    sha256sum "$id.wasm"
  done
} > SHA256SUMS
echo "wrote components/SHA256SUMS"
