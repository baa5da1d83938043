#!/usr/bin/env bash
# Stdio proxy overhead: direct vs the minimal C relay vs `cassette record` (recording off and on),
# plus a long recording under -Xmx64m. Arguments: [rounds] [calls] [warmup] [memoryCalls].
# Needs gcc, node and the npm test peers (test-peers/install.sh). Figures go to stdout.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
mvn -B -q package -DskipTests -pl cli,benchmarks -am >&2
exec java -Dcassette.root="$root" -Dcassette.bench="${CASSETTE_BENCH:-$root/benchmarks/tools}" \
  -cp "cli/target/cassette.jar:benchmarks/target/classes" dev.cassette.bench.StdioProxyBenchmark "$@"
