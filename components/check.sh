#!/bin/sh
# Verifies, without a compiler, that every committed .wasm was built from the committed sources:
# each file listed in SHA256SUMS must still have its recorded sha256, and every component source and
# .wasm must be listed. Exit status 1 with one line per problem otherwise.
set -eu
cd "$(dirname "$0")"

if command -v sha256sum >/dev/null 2>&1; then
  hash() { sha256sum "$1" | cut -d' ' -f1; }
else
  hash() { shasum -a 256 "$1" | cut -d' ' -f1; }
fi

[ -f SHA256SUMS ] || { echo "components/SHA256SUMS is missing: run components/build.sh" >&2; exit 1; }

problems=0
while read -r expected file; do
  [ -n "$file" ] || continue
  if [ ! -f "$file" ]; then
    echo "components/$file is listed in SHA256SUMS but missing: run components/build.sh" >&2
    problems=$((problems + 1))
  elif [ "$(hash "$file")" != "$expected" ]; then
    case "$file" in
      *.wasm) echo "components/$file does not match SHA256SUMS: it was not built from the committed sources; run components/build.sh and commit the result" >&2 ;;
      *) echo "components/$file changed since the last build: run components/build.sh and commit the rebuilt .wasm and SHA256SUMS" >&2 ;;
    esac
    problems=$((problems + 1))
  fi
done < SHA256SUMS

for file in sdk/*.c sdk/*.h */*.c *.wasm; do
  [ -f "$file" ] || continue
  case "$file" in test/*) continue ;; esac
  if ! grep -q "  $file\$" SHA256SUMS; then
    echo "components/$file is not listed in SHA256SUMS: add it to components/build.sh and rebuild" >&2
    problems=$((problems + 1))
  fi
done

if [ "$problems" -ne 0 ]; then
  echo "components: $problems problem(s) found" >&2
  exit 1
fi
echo "components: every .wasm matches its sources"
