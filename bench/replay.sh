#!/usr/bin/env bash
# Replay speed: a day of traffic at 50 outcomes a second (4.3 M lines, flat rate) through the traffic
# presets with `monitor replay`, plain and gzip-compressed, with wall time, CPU time and peak memory;
# then an hour of the same traffic, to show memory does not grow with the input. Target: a day in under 10 s.
# Usage: bench/replay.sh          RATE=50 (outcomes/s)  CONFIG=config/traffic/rules.yaml
set -euo pipefail
cd "$(dirname "$0")/.."
RATE=${RATE:-50}
CONFIG=${CONFIG:-config/traffic/rules.yaml}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

dotnet build -c Release src/Monitor -v q -nologo >/dev/null
dotnet build -c Release bench/Monitor.TrafficGen -v q -nologo >/dev/null
gen=bench/Monitor.TrafficGen/bin/Release/net10.0/monitor-trafficgen
checkouts=$(awk -v r="$RATE" 'BEGIN { printf "%.6f", r / 1.5 }') # the generator adds half as many submit orders

"$gen" normal --flat --rate "$checkouts" --hours 24 --out "$work/day.ndjson" 2>/dev/null
gzip -1 -c "$work/day.ndjson" > "$work/day.ndjson.gz"
"$gen" normal --flat --rate "$checkouts" --hours 1 --out "$work/hour.ndjson" 2>/dev/null

run() { # name file
  local out
  out=$( { /usr/bin/time -f '%e %U %S %M' dotnet src/Monitor/bin/Release/net10.0/monitor.dll replay "$2" --config "$CONFIG" --json >"$work/out.json"; } 2>&1 | tail -1)
  read -r wall user sys rss <<<"$out"
  local lines
  lines=$(jq '.input.replayed' "$work/out.json")
  awk -v n="$1" -v l="$lines" -v w="$wall" -v u="$user" -v s="$sys" -v m="$rss" \
    'BEGIN { printf "%-22s %10d lines  %6.2f s wall  %6.2f s CPU  %9.0f lines/s  %5.0f MB peak\n", n, l, w, u + s, l / w, m / 1024 }'
}

echo "load before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
run "day, plain" "$work/day.ndjson"
run "day, gzip" "$work/day.ndjson.gz"
run "hour, plain" "$work/hour.ndjson"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
