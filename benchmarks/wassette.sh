#!/usr/bin/env bash
# Real Wassette (test-peers/wassette, the inventory component): tools/call latency directly, through
# the minimal C relay and through `cassette record` (recording off and on), Wassette's time to its
# first answers, the embedded host in-process and over stdio, and the replay time of tapes/wassette/.
# Arguments: [rounds] [calls] [warmup] [replays] [batch] (9 2000 5000 3 50; batch 0: one session
# after the other instead of all paths called in turns of batch calls). Needs gcc and the Wassette test
# peer (the build installs it). Figures go to stdout, progress to stderr.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
mvn -B -q -o package -DskipTests -pl cli,benchmarks -am >&2
exec java -Dcassette.root="$root" -Dcassette.bench="${CASSETTE_BENCH:-$root/benchmarks/tools}" \
  -cp "cli/target/cassette.jar:benchmarks/target/classes" dev.cassette.bench.WassetteBenchmark "$@"
