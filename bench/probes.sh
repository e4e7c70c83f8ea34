#!/usr/bin/env bash
# Probes per CPU-second against one loopback target: the daemon's HttpProbe side by side with Debian's
# prometheus-blackbox-exporter. Each side does a fresh connection per probe, checks the status and the body,
# and runs CONCURRENCY probes at a time. CPU time is the prober process's own (user + system), read after a
# warm-up; the target and the blackbox driver run in other processes and are not counted.
# SCHEME=https serves a self-signed certificate: both sides then do a TLS handshake per probe, skipping verification.
# SCHEME=https VERIFY=ca serves a certificate from a fresh private CA instead: both sides verify the chain against that
# CA's certificate (the daemon's caFile, the exporter's tls_config.ca_file) and the host name on every probe.
# With https, a third row gives the floor: bare TLS handshakes set up as the probe's, with no HTTP.
# The daemon's probe runs under the daemon's own runtime settings (monitor.runtimeconfig.json: GC mode, tiering), and
# warms up until its JIT is done (see CpuMeasure.cs); the exporter gets as many warm-up probes as the daemon's probe
# took (WARMUP, if set, is the least for both).
#   COUNT=2000 CONCURRENCY=4 SCHEME=http bench/probes.sh
set -euo pipefail
cd "$(dirname "$0")/.."
COUNT=${COUNT:-2000}
CONCURRENCY=${CONCURRENCY:-4}
export WARMUP=${WARMUP:-200}
SCHEME=${SCHEME:-http}
VERIFY=${VERIFY:-skip}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

if ! command -v prometheus-blackbox-exporter >/dev/null 2>&1; then
  echo "installing prometheus-blackbox-exporter" >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends prometheus-blackbox-exporter >/dev/null
fi

nice -n 10 dotnet build bench/Monitor.ProbeBench -c Release -v q -nologo >/dev/null
out_dir=bench/Monitor.ProbeBench/bin/Release/net10.0
bench=(dotnet "$out_dir/Monitor.Bench.dll")
# The probing roles: the same program under the daemon's runtime configuration instead of the bench's defaults.
as_daemon=(dotnet exec --runtimeconfig "$out_dir/monitor.runtimeconfig.json" "$out_dir/Monitor.Bench.dll")

work=$(mktemp -d)
target_pid=""
exporter_pid=""
cleanup() {
  [ -n "$exporter_pid" ] && kill "$exporter_pid" 2>/dev/null || true
  [ -n "$target_pid" ] && kill "$target_pid" 2>/dev/null || true
  exec 3>&- 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# The target runs until its stdin closes: hold a fifo open on fd 3.
mkfifo "$work/target.in"
serve_args=(serve)
ca_args=()
[ "$SCHEME" = https ] && serve_args+=(https)
if [ "$SCHEME" = https ] && [ "$VERIFY" = ca ]; then
  ca_args=("$work/ca.pem")
  serve_args+=("${ca_args[@]}")
fi
"${bench[@]}" "${serve_args[@]}" <"$work/target.in" >"$work/target.out" &
target_pid=$!
exec 3>"$work/target.in"
for _ in $(seq 1 100); do
  [ -s "$work/target.out" ] && break
  sleep 0.1
done
url=$(head -n1 "$work/target.out")
[ -n "$url" ] || { echo "the loopback target did not start" >&2; exit 1; }

field() { sed -n "s/.*[ ]$1=\([^ ]*\).*/\1/p" <<<"$2"; }
cpu_ticks() { awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "/proc/$1/stat"; }
hz=$(getconf CLK_TCK)
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# The daemon's probe: warm-up and measurement happen inside one process (see ProbeLoop.cs).
echo "target: $url  probes: $COUNT  concurrency: $CONCURRENCY  verify: $([ "$SCHEME" = https ] && echo "$VERIFY" || echo -)"
ours=$("${as_daemon[@]}" probe "$url" "$COUNT" "$CONCURRENCY" "${ca_args[@]}")
floor=""
[ "$SCHEME" = https ] && floor=$("${as_daemon[@]}" handshake "$url" "$COUNT" "$CONCURRENCY" "${ca_args[@]}")

# The blackbox exporter with the equivalent module: 2xx and a body check.
cat >"$work/blackbox.yml" <<YAML
modules:
  http_body:
    prober: http
    timeout: 5s
    http:
      method: GET
      preferred_ip_protocol: ip4
      fail_if_body_not_matches_regexp: ['"expectedFinalState":"CREATED"']
      tls_config:
$([ "${#ca_args[@]}" -gt 0 ] && echo "        ca_file: $work/ca.pem" || echo "        insecure_skip_verify: true")
YAML
port=$(free_port)
prometheus-blackbox-exporter --config.file="$work/blackbox.yml" --web.listen-address="127.0.0.1:$port" --log.level=warn \
  >"$work/exporter.log" 2>&1 &
exporter_pid=$!
probe_url="http://127.0.0.1:$port/probe?module=http_body&target=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$url")"
for _ in $(seq 1 100); do
  curl -fsS -o /dev/null "$probe_url" 2>/dev/null && break
  sleep 0.1
done
"${bench[@]}" drive "$probe_url" "$(field warmup "$ours")" "$CONCURRENCY" >/dev/null
before=$(cpu_ticks "$exporter_pid")
driver=$("${bench[@]}" drive "$probe_url" "$COUNT" "$CONCURRENCY")
after=$(cpu_ticks "$exporter_pid")

bb_cpu=$(awk -v t=$((after - before)) -v hz="$hz" 'BEGIN { printf "%.3f", t / hz }')
bb_rate=$(awk -v n="$COUNT" -v c="$bb_cpu" 'BEGIN { if (c > 0) printf "%.0f", n / c; else print "inf" }')

printf '\n%-30s %8s %9s %10s %15s %11s %9s\n' tool probes failures cpu_s probes_per_cpu_s wall_s probes_s
printf '%-30s %8s %9s %10s %15s %11s %9s\n' "monitor HttpProbe" "$COUNT" "$(field failures "$ours")" "$(field cpu_seconds "$ours")" \
  "$(field probes_per_cpu_second "$ours")" "$(field wall_seconds "$ours")" "$(field probes_per_second "$ours")"
if [ -n "$floor" ]; then
  printf '%-30s %8s %9s %10s %15s %11s %9s\n' "(TLS handshake only, .NET)" "$COUNT" "$(field failures "$floor")" "$(field cpu_seconds "$floor")" \
    "$(field probes_per_cpu_second "$floor")" "$(field wall_seconds "$floor")" "$(field probes_per_second "$floor")"
fi
printf '%-30s %8s %9s %10s %15s %11s %9s\n' "prometheus-blackbox-exporter" "$COUNT" "$(field failures "$driver")" "$bb_cpu" \
  "$bb_rate" "$(field wall_seconds "$driver")" "$(field probes_per_second "$driver")"
echo "(monitor HttpProbe: warm-up $(field warmup "$ours") probes, JIT $(field jit_seconds "$ours") s in the measured window, $(field allocated_bytes_per_probe "$ours") bytes allocated per probe)"
echo "(blackbox $(prometheus-blackbox-exporter --version 2>&1 | head -n1 | awk '{print $3}'); CPU is the prober process only; $(nproc) cores)"
