#!/usr/bin/env bash
# Delivery benchmark, everything on loopback:
#  1. emails per second from the outbox (real worker, SQLite file, MailKit) to an in-process SMTP server
#     (target: at least 200/s);
#  2. seconds from a fault starting on a loopback target to the urgent e-mail arriving, through the whole
#     daemon (probe, rule, incident, outbox, SMTP) for an urgent rule with no confirmation delay
#     (target: at most the probe interval plus 2 s).
# STORE=postgres runs both against a throw-away PostgreSQL cluster (fsync on) instead of the SQLite file.
#   COUNT=2000 INTERVAL=2s TRIALS=5 [STORE=postgres] bench/delivery.sh
set -euo pipefail
cd "$(dirname "$0")/.."
COUNT=${COUNT:-2000}
INTERVAL=${INTERVAL:-2s}
TRIALS=${TRIALS:-5}
STORE=${STORE:-sqlite}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

if [ "$STORE" = postgres ]; then
  bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  pg=$(mktemp -d)
  port=$(( 20000 + RANDOM % 20000 ))
  as_pg=()
  if [ "$(id -u)" = 0 ]; then chown postgres "$pg"; as_pg=(runuser -u postgres --); fi
  "${as_pg[@]}" "$bin/initdb" -D "$pg/data" -U postgres -A trust -E UTF8 >/dev/null
  "${as_pg[@]}" "$bin/pg_ctl" -D "$pg/data" -w -l "$pg/log" -o "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories=$pg" start >/dev/null
  trap '"${as_pg[@]}" "$bin/pg_ctl" -D "$pg/data" -m fast stop >/dev/null; rm -rf "$pg"' EXIT
  export MONITOR_BENCH_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
  echo "store: PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port (fsync on)"
else
  echo "store: SQLite file (WAL)"
fi

dotnet build bench/Monitor.DeliveryBench -c Release -v q -nologo >/dev/null
bench=(dotnet bench/Monitor.DeliveryBench/bin/Release/net10.0/Monitor.Bench.dll)

status=0
echo "== throughput: ${COUNT} e-mails to a loopback SMTP server"
out=$("${bench[@]}" throughput "$COUNT") || status=1
echo "$out"
echo "$out" | grep -Eo '= [0-9]+ emails/s' | awk '{ r = ($2 >= 200) ? "PASS" : "FAIL"; print "emails per second: " $2 " (target >= 200) " r; exit ($2 >= 200) ? 0 : 1 }' || status=1
echo "== latency: fault on a loopback target to e-mail, probe interval ${INTERVAL}, ${TRIALS} trials"
if "${bench[@]}" latency "$INTERVAL" "$TRIALS"; then
  echo "fault to e-mail: PASS"
else
  echo "fault to e-mail: FAIL"
  status=1
fi
exit $status
