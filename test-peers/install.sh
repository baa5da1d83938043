#!/bin/sh
# Installs the pinned npm test peers (real third-party MCP servers) once, with `npm ci`.
# Called by the build before tests run; does nothing when they are already installed.
set -eu
cd "$(dirname "$0")"
stamp=node_modules/.cassette-installed-lock.json
if [ -f "$stamp" ] && cmp -s "$stamp" package-lock.json; then
  exit 0
fi
echo "Installing MCP test peers with npm ci in $(pwd)"
npm ci --no-audit --no-fund
cp package-lock.json "$stamp"
