#!/bin/sh
# Starts `wassette run` (bin/wassette, installed by install.sh) hermetically, for recording and
# replaying tapes: a fresh temporary component folder that holds exactly the components of
# COMPONENT_DIR (*.wasm and their *.policy.yaml) and temporary HOME and XDG folders, so neither the
# user's Wassette state nor an earlier session's grants leak in. All removed when Wassette exits.
#
# Usage: hermetic-run.sh [--files DIR] [--serve-http PORT DIR] COMPONENT_DIR [wassette run options...]
#   --files DIR            makes DIR visible at the fixed path /tmp/cassette-wassette-files (a
#                          symbolic link), so a tape can grant fs:///tmp/cassette-wassette-files
#                          whatever the checkout's path
#   --serve-http PORT DIR  serves DIR over HTTP on 127.0.0.1:PORT (python3 -m http.server) while
#                          Wassette runs; stopped with it
#
# Wassette gets a clean environment (env -i: only HOME, the XDG folders, PATH and RUST_LOG), because
# a component without a policy sees every variable of Wassette's process.
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
files=
http_port=
http_dir=
while [ $# -gt 0 ]; do
  case "$1" in
    --files)
      [ $# -ge 2 ] && [ -d "$2" ] || { echo "hermetic-run.sh: --files needs a folder (got '${2:-}')" >&2; exit 2; }
      files="$(cd "$2" && pwd)"
      shift 2
      ;;
    --serve-http)
      [ $# -ge 3 ] && [ -d "$3" ] || { echo "hermetic-run.sh: --serve-http needs PORT and a folder (got '${2:-}' '${3:-}')" >&2; exit 2; }
      http_port="$2"
      http_dir="$(cd "$3" && pwd)"
      shift 3
      ;;
    *) break ;;
  esac
done
if [ $# -lt 1 ] || [ ! -d "$1" ]; then
  echo "hermetic-run.sh: usage: hermetic-run.sh COMPONENT_DIR [wassette run options...] (no folder ${1:-given})" >&2
  exit 2
fi
src="$1"
shift
work="$(mktemp -d "${TMPDIR:-/tmp}/cassette-wassette.XXXXXX")"
helpers=
trap 'for p in $helpers; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"' EXIT
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
if [ -n "$files" ]; then
  # Replaced atomically (a new link renamed over the old one), so parallel runs never see it missing.
  ln -s "$files" "$work/files-link" && mv -T "$work/files-link" /tmp/cassette-wassette-files ||
    { echo "hermetic-run.sh: cannot link /tmp/cassette-wassette-files to $files" >&2; exit 1; }
fi
if [ -n "$http_port" ]; then
  python3 -u -m http.server "$http_port" --bind 127.0.0.1 --directory "$http_dir" >"$work/http.log" 2>&1 &
  helpers="$helpers $!"
  tries=0
  until grep -q '^Serving HTTP' "$work/http.log"; do
    tries=$((tries + 1))
    if [ "$tries" -gt 200 ] || ! kill -0 "${helpers##* }" 2>/dev/null; then
      echo "hermetic-run.sh: the HTTP fixture server on 127.0.0.1:$http_port did not start: $(tail -n 1 "$work/http.log")" >&2
      exit 1
    fi
    sleep 0.05
  done
fi
# Wassette loads its components in the background and answers a call that comes before its
# component is loaded with "Tool not found". The client's input is held back (through a FIFO) until
# Wassette logs that the background loading completed (at most 30 s), so every session starts with
# every component loaded. The INFO lines of the wassette crate this needs are left out of stderr
# unless RUST_LOG asks for INFO.
mkfifo "$work/stdin" "$work/stderr"
user_log="${RUST_LOG:-warn}"
(
  while IFS= read -r line; do
    case "$line" in
      *"Background component loading completed"*) : >"$work/ready" ;;
    esac
    case "$user_log:$line" in
      warn:*" INFO "* | error:*" INFO "*) ;;
      *) printf '%s\n' "$line" >&2 ;;
    esac
  done <"$work/stderr"
) &
helpers="$helpers $!"
# Wassette does not exit when its input closes: the client (or Cassette) sends SIGTERM, which this
# script passes on before it cleans up. (An asynchronous command's input is /dev/null unless it is
# redirected from a descriptor opened before: hence 3.)
exec 3<&0
(
  tries=0
  while [ ! -f "$work/ready" ] && [ "$tries" -lt 600 ]; do
    tries=$((tries + 1))
    sleep 0.05
  done
  [ -f "$work/ready" ] || echo "hermetic-run.sh: Wassette did not report its components loaded within 30 s; passing the session on" >&2
  exec cat <&3
) >"$work/stdin" &
helpers="$helpers $!"
env -i PATH="/usr/local/bin:/usr/bin:/bin" HOME="$work/home" XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data" \
  XDG_CACHE_HOME="$work/cache" XDG_STATE_HOME="$work/state" RUST_LOG="$user_log,wassette=info" \
  "$wassette" run --component-dir "$work/components" "$@" <"$work/stdin" 2>"$work/stderr" 3<&- &
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
