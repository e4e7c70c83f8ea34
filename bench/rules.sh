#!/usr/bin/env bash
# Rules engine benchmarks (BenchmarkDotNet, short job) and the figures they are judged on:
# observations/s per core into one series and across 10,000 series, bytes allocated per observation,
# and the time to evaluate 1,000 rules over 10,000 series.
# Usage: bench/rules.sh [BenchmarkDotNet arguments]   (default: all rule benchmarks)
set -euo pipefail
cd "$(dirname "$0")/.."
args=("$@")
if [ ${#args[@]} -eq 0 ]; then args=(--filter '*'); fi
dotnet build -c Release bench/Monitor.Rules.Bench >/dev/null
dotnet run -c Release --no-build --project bench/Monitor.Rules.Bench -- "${args[@]}" | tee /tmp/monitor-rules-bench.log | sed -n '/== Monitor.Rules figures ==/,$p'
# Wall-clock figures above count time spent waiting for a core on a busy machine; these count CPU time.
echo "== CPU time of this process (stopwatch run; meaningful on a shared machine) =="
dotnet run -c Release --no-build --project bench/Monitor.Rules.Bench -- quick
