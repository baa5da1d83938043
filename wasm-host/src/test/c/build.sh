#!/bin/sh
# Rebuilds the test guests into src/test/resources/dev/cassette/host/guests/.
# Needs: apt-get install -y clang-14 lld-14 wasi-libc libclang-rt-14-dev-wasm32
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out="$here/../resources/dev/cassette/host/guests"
mkdir -p "$out"
for src in "$here"/*.c; do
  name=$(basename "$src" .c)
  clang-14 --target=wasm32-wasi --sysroot=/usr -O2 -fuse-ld=lld -mexec-model=reactor \
    -mno-simd128 -Wl,--strip-debug -Wall -Wextra -Wno-unused-parameter -o "$out/$name.wasm" "$src"
  echo "built $out/$name.wasm"
done
