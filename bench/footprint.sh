#!/usr/bin/env bash
# Idle footprint: the daemon and Debian's prometheus-blackbox-exporter side by side, each probing the same TARGETS
# loopback URLs every INTERVAL for DURATION seconds. The exporter is driven by a Prometheus server scraping
# /probe for every target at the same interval, as it is run in practice. Every SAMPLE seconds a line gives each
# prober's resident memory and its CPU use over the last sample (% of one core); the summary gives the CPU use
# after the first two intervals (start-up and the first runs excluded), the peak RSS, and how much RSS grew over the
# second half of the run (memory that stops growing shows ~0 there). Prometheus and the target are not counted.
#   bench/footprint.sh                         # 500 targets every 30s for 10 minutes
#   DURATION=180 SAMPLE=15 bench/footprint.sh  # a shorter run
#   BUILD=jit bench/footprint.sh               # the JIT build (dotnet monitor.dll) instead of the native one
#   MONITOR_BIN=/opt/monitor/monitor bench/footprint.sh   # a program published before
# Targets: daemon <= 100 MB RSS and <= 1% of one core. Load from other processes skews CPU: uptime is printed.
set -euo pipefail
cd "$(dirname "$0")/.."

TARGETS=${TARGETS:-500}
INTERVAL=${INTERVAL:-30}
DURATION=${DURATION:-600}
SAMPLE=${SAMPLE:-30}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

need=()
command -v prometheus-blackbox-exporter >/dev/null 2>&1 || need+=(prometheus-blackbox-exporter)
command -v prometheus >/dev/null 2>&1 || need+=(prometheus)
if [ ${#need[@]} -gt 0 ]; then
  echo "installing ${need[*]}" >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

work=$(mktemp -d /tmp/monitor-footprint.XXXXXX)
pids=()
cleanup() {
  # The target stops when its stdin closes: close the fifo first, then stop the others.
  exec 3>&- 2>/dev/null || true
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

gc_env=()
if [ -n "${MONITOR_BIN:-}" ]; then
  daemon_cmd=("$MONITOR_BIN")
elif [ "${BUILD:-native}" = jit ]; then
  echo "building (Release, JIT)..."
  dotnet build src/Monitor -c Release -o "$work/bin" -v quiet -nologo >/dev/null
  daemon_cmd=(dotnet "$work/bin/monitor.dll")
  # The GC settings the native build carries (src/Monitor/Monitor.csproj), given to the JIT build as the environment.
  gc_env=(DOTNET_GCgen0size=100000 DOTNET_GCRegionSize=100000 DOTNET_GCConserveMemory=7)
else
  echo "publishing the native build (Release, linux-x64; needs clang, lld and zlib1g-dev, see bench/native.sh)..."
  dotnet publish src/Monitor -c Release -r linux-x64 -o "$work/app" -v quiet -nologo >/dev/null
  daemon_cmd=("$work/app/monitor")
fi
dotnet build bench/Monitor.ProbeBench -c Release -v quiet -nologo >/dev/null

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# The target: one loopback server; each prober sees TARGETS distinct URLs on it.
mkfifo "$work/target.in"
dotnet bench/Monitor.ProbeBench/bin/Release/net10.0/Monitor.Bench.dll serve <"$work/target.in" >"$work/target.out" &
pids+=($!)
exec 3>"$work/target.in"
for _ in $(seq 1 100); do [ -s "$work/target.out" ] && break; sleep 0.1; done
url=$(head -n1 "$work/target.out")
[ -n "$url" ] || { echo "the loopback target did not start" >&2; exit 1; }

# The daemon: TARGETS HTTP targets and one error-ratio rule reading all of them.
port=$(free_port)
{
  cat <<YAML
monitor:
  dataDirectory: "$work/data"
  web: { listen: "http://127.0.0.1:$port" }
  contacts: { technical: [dev@example.com] }
  targets:
    http:
YAML
  for i in $(seq 1 "$TARGETS"); do
    echo "      - { name: t-$i, url: \"$url?t=$i\", interval: ${INTERVAL}s, timeout: 5s, expect: { status: [200] } }"
  done
  cat <<YAML
  rules:
    - { name: target-errors, signal: "t-*", window: 5m, threshold: 0.5, minSamples: 3, minErrors: 3, severity: major }
YAML
} >"$work/monitor.yaml"
env "${gc_env[@]}" "${daemon_cmd[@]}" run --config "$work/monitor.yaml" >"$work/daemon.log" 2>&1 &
daemon=$!
pids+=("$daemon")

# The exporter, and a Prometheus that asks it to probe every target at the same interval.
bb_port=$(free_port)
cat >"$work/blackbox.yml" <<YAML
modules:
  http_2xx:
    prober: http
    timeout: 5s
    http: { method: GET, preferred_ip_protocol: ip4 }
YAML
prometheus-blackbox-exporter --config.file="$work/blackbox.yml" --web.listen-address="127.0.0.1:$bb_port" --log.level=warn \
  >"$work/exporter.log" 2>&1 &
exporter=$!
pids+=("$exporter")
prom_port=$(free_port)
{
  cat <<YAML
global: { scrape_interval: ${INTERVAL}s, scrape_timeout: 10s }
scrape_configs:
  - job_name: blackbox
    metrics_path: /probe
    params: { module: [http_2xx] }
    static_configs:
      - targets:
YAML
  for i in $(seq 1 "$TARGETS"); do echo "          - \"$url?t=$i\""; done
  cat <<YAML
    relabel_configs:
      - { source_labels: [__address__], target_label: __param_target }
      - { source_labels: [__param_target], target_label: instance }
      - { target_label: __address__, replacement: "127.0.0.1:$bb_port" }
YAML
} >"$work/prometheus.yml"
prometheus --config.file="$work/prometheus.yml" --storage.tsdb.path="$work/tsdb" --web.listen-address="127.0.0.1:$prom_port" \
  --log.level=warn >"$work/prometheus.log" 2>&1 &
pids+=($!)

for _ in $(seq 1 200); do curl -fsS -o /dev/null "http://127.0.0.1:$port/healthz" 2>/dev/null && break; sleep 0.1; done
curl -fsS -o /dev/null "http://127.0.0.1:$port/healthz" || { echo "the daemon did not start:" >&2; tail -n 20 "$work/daemon.log" >&2; exit 1; }

hz=$(getconf CLK_TCK)
ticks() { awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "/proc/$1/stat"; }
rss_kb() { awk '/^VmRSS/ { print $2 }' "/proc/$1/status"; }

echo "targets: $TARGETS every ${INTERVAL}s  duration: ${DURATION}s  $(nproc) cores  load at start:$(uptime | sed 's/.*load average://')"
printf '%8s %12s %12s %12s %12s %s\n' elapsed daemon_MB daemon_cpu% exporter_MB exporter_cpu% load1
start=$(date +%s)
d0=$(ticks "$daemon"); e0=$(ticks "$exporter")
warm=$((2 * INTERVAL))
dw=""; ew=""; tw=""
samples="$work/samples"
: >"$samples"
while :; do
  sleep "$SAMPLE"
  now=$(date +%s); t=$((now - start))
  kill -0 "$daemon" 2>/dev/null || { echo "the daemon stopped:" >&2; tail -n 20 "$work/daemon.log" >&2; exit 1; }
  d1=$(ticks "$daemon"); e1=$(ticks "$exporter")
  dr=$(rss_kb "$daemon"); er=$(rss_kb "$exporter")
  load=$(awk '{ print $1 }' /proc/loadavg)
  awk -v t="$t" -v dr="$dr" -v er="$er" -v dd=$((d1 - d0)) -v de=$((e1 - e0)) -v s="$SAMPLE" -v hz="$hz" -v l="$load" \
    'BEGIN { printf "%7ds %12.1f %12.2f %12.1f %12.2f %s\n", t, dr / 1024, 100 * dd / hz / s, er / 1024, 100 * de / hz / s, l }'
  echo "$t $dr $er" >>"$samples"
  d0=$d1; e0=$e1
  if [ -z "$tw" ] && [ "$t" -ge "$warm" ]; then dw=$d1; ew=$e1; tw=$t; fi
  [ "$t" -ge "$DURATION" ] && break
done

runs=$(curl -s "http://127.0.0.1:$port/metrics" | awk '$1 ~ /^monitor_probe_runs_total/ { s += $NF } END { printf "%.0f", s }')
fails=$(curl -s "http://127.0.0.1:$port/metrics" | awk '$1 ~ /^monitor_probe_runs_total/ && /result="failure"/ { s += $NF } END { printf "%.0f", s }')
bb_ok=$(curl -s "http://127.0.0.1:$prom_port/api/v1/query?query=sum(probe_success)" | sed -n 's/.*"value":\[[^,]*,"\([0-9.]*\)".*/\1/p')
end=$(date +%s)
span=$((end - start - tw))
summary() {
  # $1: name, $2: ticks now, $3: ticks after warm-up, $4: samples column
  awk -v name="$1" -v dt=$(($2 - $3)) -v span="$span" -v hz="$hz" -v col="$4" -v half=$((DURATION / 2)) '
    { t[NR] = $1; r[NR] = $col; if ($col > peak) peak = $col; if ($1 <= half) mid = $col }
    END { printf "%-30s cpu %5.2f%% of a core   peak RSS %6.1f MB   last RSS %6.1f MB   RSS growth over the second half %+6.1f MB\n",
          name, 100 * dt / hz / span, peak / 1024, r[NR] / 1024, (r[NR] - mid) / 1024 }' "$samples"
}
echo
summary "monitor" "$(ticks "$daemon")" "$dw" 2
summary "prometheus-blackbox-exporter" "$(ticks "$exporter")" "$ew" 3
echo "(daemon: $runs probe runs, $fails failed; exporter: probe_success summed over targets at the end: ${bb_ok:-?} of $TARGETS;"
echo " CPU from ${tw}s to the end; load at the end:$(uptime | sed 's/.*load average://'))"
