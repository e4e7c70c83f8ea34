#!/usr/bin/env bash
# Agent reports: results per second one central takes over loopback HTTP (wrk, reports of 1,000 results
# each over 50 targets), and the idle resident memory of one `monitor agent` probing 50 targets.
#   bench/agents.sh                 # 20 s of load, 30 s of agent idling
# Needs wrk (Debian: apt-get install wrk). Target on a 2-core machine: >= 10,000 results/s.
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${DURATION:-20}
IDLE=${IDLE:-30}
CONNECTIONS=${CONNECTIONS:-4}
PORT=${PORT:-19474}
AGENT_PORT=${AGENT_PORT:-19475}
TARGETS=50
command -v wrk >/dev/null || { echo "bench: wrk not found (apt-get install wrk)" >&2; exit 1; }

work=$(mktemp -d /tmp/monitor-agents-bench.XXXXXX)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

echo "building (Release)..."
dotnet build src/Monitor -c Release -o "$work/bin" -v quiet -nologo >/dev/null

token=$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')
targets() {
  for i in $(seq 0 $((TARGETS - 1))); do
    printf '      - { name: t%d, url: "http://127.0.0.1:%d/healthz", interval: %s }\n' "$i" "$PORT" "$1"
  done
}
{
  echo "monitor:"
  echo "  dataDirectory: \"$work/central\""
  echo "  web: { listen: \"http://127.0.0.1:$PORT\" }"
  echo "  contacts: { technical: [dev@example.com] }"
  echo "  agents:"
  echo "    locations: [ { name: bench, token: \"$token\" } ]"
  echo "  targets:"
  echo "    http:"
  targets 1h
  echo "  rules:"
  echo "    - { name: t0-down, signal: t0, window: 1m, threshold: 0.5, minLocations: 1 }"
} > "$work/central.yaml"
"$work/bin/monitor" run --config "$work/central.yaml" >"$work/central.log" 2>&1 &
central=$!; pids+=("$central")
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.1; done

# One report of 1,000 results; without a spool id the central does not look for duplicates, so every copy counts.
now=$(date -u +%Y-%m-%dT%H:%M:%S.000Z)
python3 - "$work/report.json" "$now" "$TARGETS" <<'PY'
import json, sys
path, now, targets = sys.argv[1], sys.argv[2], int(sys.argv[3])
results = [{"seq": i + 1, "target": f"t{i % targets}", "kind": "http", "startedAt": now, "durationSeconds": 0.012,
            "success": i % 7 != 0, "reason": None if i % 7 else "status", "statusCode": 200 if i % 7 else 503, "detail": "ok"}
           for i in range(1000)]
json.dump({"location": "bench", "sentAt": now, "dropped": 0, "results": results}, open(path, "w"))
PY
accepted=$(curl -s -H "Authorization: Bearer $token" -H 'Content-Type: application/json' --data-binary @"$work/report.json" \
  "http://127.0.0.1:$PORT/api/v1/agents/results" | python3 -c 'import json,sys; print(json.load(sys.stdin)["accepted"])')
echo "one report: $accepted of 1000 results accepted"
cat > "$work/post.lua" <<LUA
wrk.method = "POST"
wrk.headers["Authorization"] = "Bearer $token"
wrk.headers["Content-Type"] = "application/json"
local f = io.open("$work/report.json", "rb"); wrk.body = f:read("*a"); f:close()
LUA
cpu_before=$(awk '{print $14 + $15}' "/proc/$central/stat")
out=$(wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" -s "$work/post.lua" "http://127.0.0.1:$PORT/api/v1/agents/results")
cpu_after=$(awk '{print $14 + $15}' "/proc/$central/stat")
rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
non2xx=$(echo "$out" | awk '/Non-2xx/ {print $5}')
rss=$(awk '/VmRSS/ {print $2}' "/proc/$central/status")
ticks=$(getconf CLK_TCK)
python3 - "$rps" "$DURATION" "$cpu_before" "$cpu_after" "$ticks" "$rss" "${non2xx:-0}" <<'PY'
import sys
rps, duration, before, after, ticks, rss, bad = float(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6]), sys.argv[7]
cpu = (after - before) / ticks / duration
print(f"central: {rps * 1000:,.0f} results/s ({rps:,.1f} reports/s of 1000), {cpu:.2f} cores, RSS {rss / 1024:.0f} MiB, non-2xx: {bad}")
PY

{
  echo "monitor:"
  echo "  dataDirectory: \"$work/agent\""
  echo "  targets:"
  echo "    http:"
  targets 30s
  echo "  agent:"
  echo "    location: bench"
  echo "    token: \"$token\""
  echo "    central: [\"http://127.0.0.1:$PORT\"]"
  echo "    listen: \"http://127.0.0.1:$AGENT_PORT\""
} > "$work/agent.yaml"
"$work/bin/monitor" agent --config "$work/agent.yaml" >"$work/agent.log" 2>&1 &
agent=$!; pids+=("$agent")
sleep "$IDLE"
arss=$(awk '/VmRSS/ {print $2}' "/proc/$agent/status")
acpu=$(awk '{print $14 + $15}' "/proc/$agent/stat")
sent=$(curl -s "http://127.0.0.1:$AGENT_PORT/metrics" | awk '/^monitor_agent_results_sent_total/ {print $2}')
python3 - "$arss" "$acpu" "$(getconf CLK_TCK)" "$IDLE" "${sent:-0}" "$TARGETS" <<'PY'
import sys
rss, cpu, ticks, idle, sent, targets = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4]), sys.argv[5], sys.argv[6]
print(f"agent: {targets} targets every 30 s, after {idle:.0f} s: RSS {rss / 1024:.0f} MiB, CPU {cpu / ticks:.2f} s in total (start-up included), {sent} results sent")
PY
