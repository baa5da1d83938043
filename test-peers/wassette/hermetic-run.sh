#!/bin/sh
# Starts `wassette run` (bin/wassette, installed by install.sh) hermetically, for recording and
# replaying tapes: a fresh temporary component folder that holds exactly the components of
# COMPONENT_DIR (*.wasm and their *.policy.yaml) and temporary HOME and XDG folders, so neither the
# user's Wassette state nor an earlier session's grants leak in. All removed when Wassette exits.
#
# Usage: hermetic-run.sh COMPONENT_DIR [wassette run options...]
#
# Wassette compiles each component before it can serve its tools (about a minute for a 12 MB
# JavaScript component on a small machine) and announces it with notifications/tools/list_changed
# when done. To start with every tool ready, this script keeps Wassette's own precompiled form
# (<id>.cwasm and <id>.metadata.json, made by `wassette component load`) in cache/<sha256>/, per
# component bytes, and places it beside the component. Wassette logs at RUST_LOG (default here: warn). The first start with new bytes compiles
# them into the cache (under a lock); the build does that ahead of the tests.
set -eu
here="$(cd "$(dirname "$0")" && pwd)"
wassette="$here/bin/wassette"
if [ ! -x "$wassette" ]; then
  echo "hermetic-run.sh: $wassette is not installed; run test-peers/wassette/install.sh (the build does)" >&2
  exit 2
fi
if [ $# -lt 1 ] || [ ! -d "$1" ]; then
  echo "hermetic-run.sh: usage: hermetic-run.sh COMPONENT_DIR [wassette run options...] (no folder ${1:-given})" >&2
  exit 2
fi
src="$1"
shift
work="$(mktemp -d "${TMPDIR:-/tmp}/cassette-wassette.XXXXXX")"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/home" "$work/config" "$work/data" "$work/cache" "$work/state" "$work/components"
hermetic() {
  env HOME="$work/home" XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data" \
    XDG_CACHE_HOME="$work/cache" XDG_STATE_HOME="$work/state" "$@"
}
precompile() { # $1 = component file, $2 = its cache folder
  mkdir -p "$here/cache"
  (
    flock -w 900 9 || { echo "hermetic-run.sh: timed out waiting for $here/cache/.lock" >&2; exit 1; }
    if [ ! -f "$2/$id.metadata.json" ]; then
      echo "hermetic-run.sh: precompiling $1 into $2 (once per component build)" >&2
      rm -rf "$2.tmp" && mkdir -p "$2.tmp/load"
      cp "$1" "$2.tmp/$id.wasm"
      hermetic "$wassette" component load "file://$2.tmp/$id.wasm" --component-dir "$2.tmp/load" >/dev/null
      mv "$2.tmp/load/$id.wasm" "$2.tmp/load/$id.cwasm" "$2.tmp/load/$id.metadata.json" "$2.tmp/"
      rm -rf "$2.tmp/load" "$2"
      mv "$2.tmp" "$2"
    fi
  ) 9>"$here/cache/.lock"
}
for wasm in "$src"/*.wasm; do
  [ -f "$wasm" ] || continue
  id="$(basename "$wasm" .wasm)"
  sha="$(sha256sum "$wasm" | cut -d' ' -f1)"
  cached="$here/cache/$sha"
  [ -f "$cached/$id.metadata.json" ] || precompile "$wasm" "$cached"
  cp -p "$cached/$id.wasm" "$cached/$id.cwasm" "$cached/$id.metadata.json" "$work/components/"
  if [ -f "$src/$id.policy.yaml" ]; then cp "$src/$id.policy.yaml" "$work/components/"; fi
done
[ "${CASSETTE_WASSETTE_PRECOMPILE_ONLY:-}" = 1 ] && exit 0
# Wassette does not exit when its input closes: the client (or Cassette) sends SIGTERM, which this
# script passes on before it cleans up. (An asynchronous command's input is /dev/null unless it is
# redirected from a descriptor opened before: hence 3.)
exec 3<&0
env HOME="$work/home" XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data" \
  XDG_CACHE_HOME="$work/cache" XDG_STATE_HOME="$work/state" RUST_LOG="${RUST_LOG:-warn}" \
  "$wassette" run --component-dir "$work/components" "$@" <&3 3<&- &
pid=$!
trap 'kill -TERM "$pid" 2>/dev/null || true' TERM INT HUP
set +e
wait "$pid"
status=$?
while kill -0 "$pid" 2>/dev/null; do
  wait "$pid"
  status=$?
done
exit "$status"
