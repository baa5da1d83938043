#!/bin/sh
# Checks, and with --update rebuilds, the JavaScript components in this folder (one folder per
# component: app.js, wit/, optional features.json) as <id>.wasm beside it, with the pinned
# componentize-js (package-lock.json, npm ci).
#
# componentize-js builds are not byte-reproducible (the engine snapshot it takes differs from run
# to run), so the built bytes are committed, and tapes name them by sha256:
# - SOURCES holds each component's source hash (app.js, wit/, features.json, plus the lock file and
#   build.mjs); SHA256SUMS holds the sha256 of the committed <id>.wasm. They are the cache: a
#   component is rebuilt only by `build.sh --update`, which rewrites both.
# - Without --update the build fails when a component's sources do not match SOURCES (a changed
#   source with a stale sha256) or its <id>.wasm does not match SHA256SUMS.
# Then, when Wassette is installed, precompiles each component for it
# (test-peers/wassette/hermetic-run.sh keeps Wassette's compiled form per sha256).
#
# Usage: build.sh [--update [ID...]]     (--update with ids rebuilds only those)
set -eu
cd "$(dirname "$0")"
update=no
if [ "${1:-}" = --update ]; then
  update=yes
  shift
fi
fail() {
  echo "components/wassette/build.sh: $*" >&2
  exit 1
}
source_hash() {
  { sha256sum package-lock.json build.mjs; find "$1" -type f \( -name '*.js' -o -name '*.wit' -o -name features.json \) | LC_ALL=C sort | xargs sha256sum; } \
    | sha256sum | cut -d' ' -f1
}
wanted() { [ $# -eq 0 ] && return 0; for w in "$@"; do [ "$w" = "$id" ] && return 0; done; return 1; }
touch SOURCES SHA256SUMS
for dir in */; do
  id="${dir%/}"
  [ -f "$id/app.js" ] || continue
  hash="$(source_hash "$id")"
  if [ "$update" = yes ] && wanted "$@"; then
    stamp=node_modules/.cassette-installed-lock.json
    if [ ! -f "$stamp" ] || ! cmp -s "$stamp" package-lock.json; then
      echo "Installing componentize-js and jco with npm ci in $(pwd)"
      npm ci --no-audit --no-fund >/dev/null || fail "npm ci failed (it needs the npm registry)"
      cp package-lock.json "$stamp"
    fi
    echo "Building components/wassette/$id.wasm (componentize-js)"
    (
      flock -w 900 9 || fail "timed out waiting for /tmp/cassette-componentize.lock"
      node build.mjs "$id" "$id.wasm.tmp"
    ) 9>/tmp/cassette-componentize.lock
    mv "$id.wasm.tmp" "$id.wasm"
    sum="$(sha256sum "$id.wasm" | cut -d' ' -f1)"
    { grep -v "  $id\$" SOURCES || true; echo "$hash  $id"; } | LC_ALL=C sort -k2 >SOURCES.tmp && mv SOURCES.tmp SOURCES
    { grep -v "  $id.wasm\$" SHA256SUMS || true; echo "$sum  $id.wasm"; } | LC_ALL=C sort -k2 >SHA256SUMS.tmp && mv SHA256SUMS.tmp SHA256SUMS
    continue
  fi
  grep -qx "$hash  $id" SOURCES ||
    fail "$id: its sources changed (source hash $hash is not in components/wassette/SOURCES): rebuild it with 'components/wassette/build.sh --update $id' and commit $id.wasm, SOURCES and SHA256SUMS"
  [ -f "$id.wasm" ] || fail "$id: components/wassette/$id.wasm is missing (build it with 'build.sh --update $id')"
  sum="$(sha256sum "$id.wasm" | cut -d' ' -f1)"
  grep -qx "$sum  $id.wasm" SHA256SUMS ||
    fail "$id: components/wassette/$id.wasm has sha256 $sum, not the one in SHA256SUMS (rebuild it with 'build.sh --update $id')"
done
if [ -x ../../test-peers/wassette/bin/wassette ]; then
  CASSETTE_WASSETTE_PRECOMPILE_ONLY=1 ../../test-peers/wassette/hermetic-run.sh .
fi
