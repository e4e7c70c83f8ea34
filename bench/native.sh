#!/usr/bin/env bash
# The shipped build: compiles the daemon ahead of time (dotnet publish -r linux-x64, as the systemd units, the
# Dockerfile and bench/container.sh do) and checks that the native program works where reflection and run-time code
# generation are gone: the version, check-config on the shipped example and on a broken file (every problem named
# with its path), and the demo answering /healthz, the status API, a rule, a target, the status page and /metrics.
# Prints the publish time, the program's size and each check; exits non-zero on the first failed check.
#   bench/native.sh              # publish to a temporary folder, then check
#   OUT=/opt/monitor bench/native.sh
#   BIN=/opt/monitor/monitor bench/native.sh   # check a program published before
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

need=()
command -v clang >/dev/null 2>&1 || need+=(clang)
command -v ld.lld >/dev/null 2>&1 || need+=(lld)
[ -e /usr/include/zlib.h ] || need+=(zlib1g-dev)
command -v curl >/dev/null 2>&1 || need+=(curl)
if [ ${#need[@]} -gt 0 ]; then
  echo "installing ${need[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

work=$(mktemp -d /tmp/monitor-native.XXXXXX)
out=${OUT:-$work/app}
daemon=""
cleanup() {
  [ -n "$daemon" ] && kill "$daemon" 2>/dev/null && wait "$daemon" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

if [ -n "${BIN:-}" ]; then
  bin=$BIN
else
  start=$(date +%s)
  dotnet publish src/Monitor/Monitor.csproj -c Release -r linux-x64 -o "$out" -v quiet -nologo >"$work/publish.log" 2>&1 \
    || { tail -n 40 "$work/publish.log" >&2; echo "FAIL: native publish" >&2; exit 1; }
  echo "published in $(($(date +%s) - start)) s: $out/monitor, $(du -m "$out/monitor" | cut -f1) MB"
  bin="$out/monitor"
fi

ok() { echo "ok   $1"; }
fail() { echo "FAIL $1" >&2; [ -n "${2:-}" ] && echo "$2" | head -n 20 >&2; exit 1; }

version=$("$bin" --version 2>&1) || fail "--version" "$version"
ok "--version: $version"

# The GC settings are carried by the binary (src/Monitor/Monitor.csproj), not only by the unit's environment.
runtime=$(env -u DOTNET_GCgen0size -u DOTNET_GCRegionSize -u DOTNET_GCConserveMemory "$bin" version 2>&1) || fail "version" "$runtime"
echo "$runtime" | grep -q "GC: workstation, non-concurrent, 1 MiB regions, conserve memory 7" \
  || fail "the native build's GC settings" "$runtime"
ok "GC settings in the binary: $(echo "$runtime" | tail -n 1)"

# The example reads its one secret that check-config needs from the environment.
example=$(MONITOR_SANDBOX_TOKEN=native-check-token-0123456789 "$bin" check-config --config config/monitor.yaml 2>&1) \
  || fail "check-config on config/monitor.yaml" "$example"
echo "$example" | grep -q "configuration OK" || fail "check-config on config/monitor.yaml" "$example"
ok "check-config on the shipped example: $(echo "$example" | head -n 1 | sed "s|$PWD/||")"

cat >"$work/bad.yaml" <<'YAML'
monitor:
  project: native-check
  contacts: { technical: [dev@example.com] }
  targets:
    http:
      - { name: api, url: "http://127.0.0.1:1/", intervall: 30s, timeout: five }
  rules:
    - { name: r, signal: api, window: 5m, threshold: lots }
YAML
set +e
bad=$("$bin" check-config --config "$work/bad.yaml" 2>&1)
rc=$?
set -e
[ "$rc" -ne 0 ] || fail "check-config accepted a broken file" "$bad"
echo "$bad" | grep -q "monitor:targets:http:0:intervall: unknown key 'intervall'" || fail "check-config: misspelt key not named" "$bad"
echo "$bad" | grep -q "monitor:rules:0:threshold: 'lots' is not a number" || fail "check-config: bad number not named" "$bad"
ok "check-config on a broken file: exit $rc, $(echo "$bad" | grep -c 'monitor:') problems named with their paths"

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
(cd "$work" && MONITOR__WEB__LISTEN="http://127.0.0.1:$port" exec "$bin" demo --duration 120s >"$work/demo.log" 2>&1) &
daemon=$!
base="http://127.0.0.1:$port"
for _ in $(seq 1 100); do curl -fsS -o /dev/null "$base/healthz" 2>/dev/null && break; sleep 0.2; done
curl -fsS -o /dev/null "$base/healthz" || fail "demo: /healthz" "$(tail -n 20 "$work/demo.log")"
ok "demo: /healthz"

get() { curl -fsS "$base$1" || fail "demo: GET $1" "$(tail -n 20 "$work/demo.log")"; }
json() { python3 -c "import json, sys; d = json.load(sys.stdin); $1" || fail "demo: $2"; }
get /api/v1/status | json 'assert d["signals"] and "alerts" in d, d' "/api/v1/status has no signals"
ok "demo: /api/v1/status is JSON with signals and alerts"
target=$(get /api/v1/targets | json 'print(d[0]["name"])' "/api/v1/targets is not a list of targets")
get "/api/v1/targets/$target" | json 'assert d["name"], d' "/api/v1/targets/$target"
ok "demo: /api/v1/targets and /api/v1/targets/$target"
rule=$(get /api/v1/rules | json 'print(d[0]["rule"] if d else "")' "/api/v1/rules is not a list")
[ -z "$rule" ] || get "/api/v1/rules/$rule" | json 'assert d["rule"], d' "/api/v1/rules/$rule"
ok "demo: /api/v1/rules${rule:+ and /api/v1/rules/$rule}"
code=$(curl -s -o /dev/null -w '%{http_code}' "$base/api/v1/rules/no-such-rule")
[ "$code" = 404 ] || fail "demo: unknown rule answered $code, not 404"
ok "demo: unknown rule is 404"
get / >"$work/page.html"
grep -qi '<html' "$work/page.html" || fail "demo: status page is not HTML"
ok "demo: status page"
get /metrics >"$work/metrics.txt"
grep -q '^monitor_probe_runs_total' "$work/metrics.txt" || fail "demo: /metrics has no monitor_probe_runs_total"
ok "demo: /metrics"

# The demo's checkout fails from +30 s: the incident, its e-mail and its case go through the rules, the store, the
# outbox and the case evidence of the native program.
for _ in $(seq 1 120); do
  compgen -G "$work/data/demo/mail/*.eml" >/dev/null && compgen -G "$work/data/demo/cases/*/*.json" >/dev/null && break
  sleep 1
done
compgen -G "$work/data/demo/mail/*.eml" >/dev/null || fail "demo: no e-mail within 120 s" "$(tail -n 20 "$work/demo.log")"
ok "demo: the incident's e-mail: $(ls "$work/data/demo/mail" | head -n 1)"
case_json=$(compgen -G "$work/data/demo/cases/*/*.json" | head -n 1) || fail "demo: no case evidence within 120 s" "$(tail -n 20 "$work/demo.log")"
json 'assert d["case"]["id"] and d["incident"]["rule"], d' "case evidence is not the case document" <"$case_json"
ok "demo: the case's evidence: ${case_json#"$work/data/demo/"}"
get /api/v1/incidents | json 'assert d and d[0]["id"], d' "/api/v1/incidents lists no incident"
ok "demo: /api/v1/incidents"

kill -TERM "$daemon"
set +e
wait "$daemon"
rc=$?
set -e
daemon=""
[ "$rc" -eq 0 ] || fail "demo: exit $rc after SIGTERM" "$(tail -n 20 "$work/demo.log")"
ok "demo: stopped on SIGTERM with exit 0"
echo "native build: all checks passed"
