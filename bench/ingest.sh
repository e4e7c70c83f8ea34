#!/usr/bin/env bash
# Ingest throughput: observations/s over loopback HTTP (wrk, POST bodies of 1,000 NDJSON lines) and
# lines/s from a tailed file, each with the daemon's CPU use and resident memory.
#   bench/ingest.sh                 # 20 s of HTTP load, a 3,000,000-line file
#   DURATION=600 bench/ingest.sh    # ten minutes of HTTP load: watch RSS stay flat
# Needs wrk (Debian: apt-get install wrk). Targets on a 2-core machine: >= 300,000 obs/s over HTTP,
# >= 1,000,000 lines/s from a file.
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${DURATION:-20}
CONNECTIONS=${CONNECTIONS:-8}
TAIL_LINES=${TAIL_LINES:-3000000}
PORT=${PORT:-19464}
command -v wrk >/dev/null || { echo "bench: wrk not found (apt-get install wrk)" >&2; exit 1; }

work=$(mktemp -d /tmp/monitor-ingest-bench.XXXXXX)
daemon=""
cleanup() { [ -n "$daemon" ] && kill "$daemon" 2>/dev/null && wait "$daemon" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

echo "building (Release)..."
dotnet build src/Monitor -c Release -o "$work/bin" -v quiet -nologo >/dev/null

token=$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')
mkdir -p "$work/tail"
cat > "$work/monitor.yaml" <<YAML
monitor:
  dataDirectory: "$work/data"
  web: { listen: "http://127.0.0.1:$PORT" }
  contacts: { technical: [dev@example.com] }
  evaluation: { interval: 5s }
  ingest:
    token: "$token"
    tail: { files: ["$work/tail/*.ndjson"], pollInterval: 200ms }
  rules:
    - { name: checkout-errors, signal: checkout, window: 10m, threshold: 0.5, minErrors: 25, minDistinctRestaurants: 5 }
    - { name: submit-order-errors, signal: submit_order, window: 10m, threshold: 0.5, minErrors: 25, minDistinctRestaurants: 5, excludeErrorTypes: [PAYMENT_DECLINED] }
YAML

# One body of 1,000 lines: 200 restaurants, mostly good checkouts, some 500s and business errors.
now=$(date -u +%Y-%m-%dT%H:%M:%S)
awk -v now="$now" 'BEGIN {
  for (i = 0; i < 1000; i++) {
    action = (i % 4 == 3) ? "submit_order" : "checkout"
    status = (i % 17 == 0) ? 500 : 200
    err = (i % 23 == 0) ? ",\"errorType\":\"NO_CAPACITY\"" : ""
    printf "{\"time\":\"%s.%03dZ\",\"action\":\"%s\",\"restaurantId\":\"r-%d\",\"status\":%d%s,\"latencyMs\":%d}\n", now, i % 1000, action, i % 200, status, err, 80 + i % 300
  }
}' > "$work/body.ndjson"
cat > "$work/post.lua" <<LUA
wrk.method = "POST"
wrk.headers["Authorization"] = "Bearer $token"
wrk.headers["Content-Type"] = "application/x-ndjson"
local f = io.open("$work/body.ndjson", "rb"); wrk.body = f:read("*a"); f:close()
LUA

metric() { curl -s "http://127.0.0.1:$PORT/metrics" | awk -v m="$1" '$1 ~ "^"m"({|$)" { s += $NF } END { printf "%.0f", s }'; }
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$daemon/stat"; }
rss_mb() { awk '/VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$daemon/status"; }
now_ns() { date +%s%N; }
hz=$(getconf CLK_TCK)

dotnet "$work/bin/monitor.dll" run --config "$work/monitor.yaml" >"$work/daemon.log" 2>&1 &
daemon=$!
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.1; done
curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null || { echo "daemon did not start:"; cat "$work/daemon.log"; exit 1; }

echo "warm-up..."
wrk -t1 -c2 -d3s -s "$work/post.lua" "http://127.0.0.1:$PORT/api/v1/observations" >/dev/null
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg) (shared with other work: figures are indicative)"

# HTTP.
lines0=$(metric monitor_ingest_lines_total); cpu0=$(cpu_ticks); rss0=$(rss_mb); t0=$(now_ns)
TIMEFORMAT='%U %S'
{ time wrk -t1 -c"$CONNECTIONS" -d"${DURATION}s" -s "$work/post.lua" "http://127.0.0.1:$PORT/api/v1/observations" > "$work/wrk.txt"; } 2> "$work/wrk.time"
for _ in $(seq 100); do [ "$(metric monitor_ingest_queued_observations)" = 0 ] && break; sleep 0.1; done
t1=$(now_ns); cpu1=$(cpu_ticks); lines1=$(metric monitor_ingest_lines_total); rss1=$(rss_mb)
limited=$(curl -s "http://127.0.0.1:$PORT/metrics" | awk '/^monitor_ingest_requests_total\{code="429"\}/ { print $NF }')
secs=$(awk -v a="$t0" -v b="$t1" 'BEGIN { print (b - a) / 1e9 }')
http_rate=$(awk -v n=$((lines1 - lines0)) -v s="$secs" 'BEGIN { printf "%d", n / s }')
http_cpu=$(awk -v c=$((cpu1 - cpu0)) -v s="$secs" -v hz="$hz" 'BEGIN { printf "%.0f", 100 * c / hz / s }')
http_per_cpu=$(awk -v n=$((lines1 - lines0)) -v c=$((cpu1 - cpu0)) -v hz="$hz" 'BEGIN { printf "%d", (c > 0) ? n / (c / hz) : 0 }')
wrk_cpu=$(awk -v s="$secs" '{ printf "%.0f", 100 * ($1 + $2) / s }' "$work/wrk.time")
echo "HTTP: $((lines1 - lines0)) observations in ${secs}s = ${http_rate} obs/s; daemon CPU ${http_cpu}% of one core (${http_per_cpu} obs per daemon CPU-second); wrk CPU ${wrk_cpu}%; RSS ${rss0} -> ${rss1} MB; 429 answers: ${limited:-0}"
grep -E "Requests/sec|Latency" "$work/wrk.txt" | sed 's/^/  wrk /'

# Tail: write the file aside, then move it in at once, and time until every line is recorded.
awk -v n="$TAIL_LINES" -v now="$now" 'BEGIN {
  for (i = 0; i < n; i++)
    printf "{\"time\":\"%s.%03dZ\",\"action\":\"checkout\",\"restaurantId\":\"r-%d\",\"status\":%d,\"latencyMs\":%d}\n", now, i % 1000, i % 500, (i % 19 == 0) ? 500 : 200, 50 + i % 200
}' > "$work/big.ndjson.part"
size_mb=$(du -m "$work/big.ndjson.part" | cut -f1)
lines0=$(metric monitor_ingest_lines_total); cpu0=$(cpu_ticks); t0=$(now_ns)
mv "$work/big.ndjson.part" "$work/tail/big.ndjson"
target=$((lines0 + TAIL_LINES))
for _ in $(seq 1200); do [ "$(metric monitor_ingest_lines_total)" -ge "$target" ] && break; sleep 0.05; done
t1=$(now_ns); cpu1=$(cpu_ticks); lines1=$(metric monitor_ingest_lines_total)
secs=$(awk -v a="$t0" -v b="$t1" 'BEGIN { print (b - a) / 1e9 }')
tail_rate=$(awk -v n=$((lines1 - lines0)) -v s="$secs" 'BEGIN { printf "%d", n / s }')
tail_cpu=$(awk -v c=$((cpu1 - cpu0)) -v s="$secs" -v hz="$hz" 'BEGIN { printf "%.0f", 100 * c / hz / s }')
tail_per_cpu=$(awk -v n=$((lines1 - lines0)) -v c=$((cpu1 - cpu0)) -v hz="$hz" 'BEGIN { printf "%d", (c > 0) ? n / (c / hz) : 0 }')
echo "tail: $((lines1 - lines0)) lines (${size_mb} MB) in ${secs}s = ${tail_rate} lines/s (includes up to one 200ms poll interval); daemon CPU ${tail_cpu}% of one core (${tail_per_cpu} lines per daemon CPU-second); RSS $(rss_mb) MB"
