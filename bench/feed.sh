#!/usr/bin/env bash
# Feed validation benchmark: generates a feed of at least 1 GB, validates it with
# `monitor validate-feed`, and runs `cat`, `wc -l` and `jq -c .` over the same file for scale.
# Prints wall time, throughput and peak memory (max RSS) of each, then deletes the feed.
#
#   bench/feed.sh                 # 1100 MB feed under /tmp
#   SIZE_MB=2000 bench/feed.sh    # a bigger one
# Then it times the validator's stages one by one on one thread (Monitor.FeedBench profile FILE):
# reading, line splitting, the JSON tokenizer alone, the schema checks, the id and reference tally,
# each with its CPU seconds and MB per CPU-second.
set -euo pipefail
cd "$(dirname "$0")/.."

SIZE_MB=${SIZE_MB:-1100}
# No defects by default: jq stops at the first malformed line, so it would not read the whole file.
DEFECTS=${DEFECTS:-0}
STALE=${STALE:-0.002}
WORK=$(mktemp -d /tmp/monitor-feed-bench.XXXXXX)
FEED="$WORK/feed.ndjson"
trap 'rm -rf "$WORK"' EXIT

if ! command -v jq >/dev/null 2>&1; then
  echo "installing jq"
  apt-get update -qq >/dev/null 2>&1 || true
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq jq >/dev/null
fi

echo "building (Release)"
dotnet build -c Release -v q -nologo src/Monitor/Monitor.csproj >/dev/null
dotnet build -c Release -v q -nologo bench/Monitor.FeedBench/Monitor.FeedBench.csproj >/dev/null
MONITOR=src/Monitor/bin/Release/net10.0/monitor
GENERATOR=bench/Monitor.FeedBench/bin/Release/net10.0/Monitor.FeedBench

"$GENERATOR" generate --out "$FEED" --size-mb "$SIZE_MB" --defects "$DEFECTS" --stale "$STALE" \
  --now "$(date -u +%Y-%m-%dT%H:%M:%SZ)"
BYTES=$(stat -c %s "$FEED")
# Every tool reads the file from the page cache, so the comparison is CPU against CPU.
cat "$FEED" >/dev/null

measure() {
  local name=$1
  shift
  local rc=0
  /usr/bin/time -f "%e %M %U %S" -o "$WORK/time" "$@" >"$WORK/out" 2>"$WORK/err" || rc=$?
  read -r secs kb user sys < <(tail -n 1 "$WORK/time")
  awk -v n="$name" -v s="$secs" -v kb="$kb" -v u="$user" -v sy="$sys" -v b="$BYTES" -v rc="$rc" 'BEGIN {
    cpu = u + sy
    printf "%-24s %8.2f s %8.0f MB/s %8.0f MB max RSS %7.2f s CPU %8.0f MB/CPU-s  exit %d\n", n, s, b / 1e6 / (s > 0 ? s : 0.001), kb / 1024, cpu,
      b / 1e6 / (cpu > 0 ? cpu : 0.001), rc }'
}

echo
uptime
echo "file: $FEED, $(awk -v b="$BYTES" 'BEGIN { printf "%.0f MB", b / 1e6 }'); $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg)"
# MB per CPU-second (user + system) is the figure to compare across runs: other work on a shared
# machine stretches wall time far more than it stretches the CPU time a tool needs.
printf "%-24s %10s %13s %20s %12s %15s\n" tool wall throughput "peak memory" "CPU time" "per CPU-second"
measure "cat (plain read)" cat "$FEED"
measure "wc -l" wc -l "$FEED"
measure "monitor validate-feed" "$MONITOR" validate-feed "$FEED" --json --max-sample-errors 5
cp "$WORK/out" "$WORK/report.json"
measure "jq -c ." jq -c . "$FEED"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
uptime

echo
echo "where the validator's time goes (PROFILE=0 to skip):"
if [ "${PROFILE:-1}" != 0 ]; then
  "$GENERATOR" profile "$FEED"
fi

echo
echo "validator's verdict (a single file over 200 MB breaks Google's per-file limit, so exit 1 is expected):"
jq -r '"  entities \(.entities), invalid \(.invalid), stale share \(.staleShare), lines \(.lines)",
       (.breaches[] | "  - \(.)")' "$WORK/report.json"
