#!/usr/bin/env bash
# Replay throughput of the cassette engine: N tapes x 10 exchanges against the in-process embedded host,
# and M tapes against server-everything over stdio. Arguments: [embeddedTapes] [stdioTapes] (1000, 50;
# 0 stdio tapes skips server-everything).
# Needs node and the npm test peers (test-peers/install.sh). Figures go to stdout.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
mvn -B -q -o package -DskipTests -pl cli,benchmarks -am >&2
exec java ${REPLAY_JAVA_OPTS:-} -Dcassette.root="$root" \
  -cp "cli/target/cassette.jar:benchmarks/target/classes" dev.cassette.bench.ReplayBenchmark "$@"
