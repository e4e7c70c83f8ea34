#!/usr/bin/env bash
# How early the traffic presets find each fault, measured with `monitor replay` on generated traffic:
# for each stream, the first urgent alert, Google's first fulfillment alert on the same traffic, the
# lead, the false urgent alerts, who is told first, and whether the preset target is met.
# Usage: bench/lead.sh              RATE=2 (checkouts/s)  SEEDS="1"  CONFIG=config/traffic/rules.yaml
set -euo pipefail
cd "$(dirname "$0")/.."
RATE=${RATE:-2}
SEEDS=${SEEDS:-1}
CONFIG=${CONFIG:-config/traffic/rules.yaml}
DAY=2026-11-28
ONSET="${DAY}T12:00:00Z"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

dotnet build -c Release src/Monitor -v q -nologo >/dev/null
dotnet build -c Release bench/Monitor.TrafficGen -v q -nologo >/dev/null
gen=bench/Monitor.TrafficGen/bin/Release/net10.0/monitor-trafficgen
monitor="dotnet src/Monitor/bin/Release/net10.0/monitor.dll"

epoch() { date -u -d "$1" +%s; }
span() { # seconds -> 1h02m03s / -5m
  local s=$1 sign=""
  if [ "$s" -lt 0 ]; then sign="-"; s=$((-s)); fi
  if [ "$s" -ge 3600 ]; then printf '%s%dh%02dm%02ds' "$sign" $((s / 3600)) $((s % 3600 / 60)) $((s % 60));
  elif [ "$s" -ge 60 ]; then printf '%s%dm%02ds' "$sign" $((s / 60)) $((s % 60));
  else printf '%s%ds' "$sign" "$s"; fi
}

printf '%-9s %-5s %-10s %-10s %-9s %-6s %-22s %s\n' stream seed "urgent" "Google" lead false "first told" "target"
for seed in $SEEDS; do
  for stream in normal step ramp timeouts payment group; do
    file="$work/$stream-$seed.ndjson"
    if [ "$stream" = normal ]; then
      "$gen" normal --seed "$seed" --rate "$RATE" --start "${DAY}T00:00:00Z" --hours 24 --out "$file" 2>/dev/null
    else
      "$gen" "$stream" --seed "$seed" --rate "$RATE" --start "${DAY}T08:00:00Z" --hours 6 --onset "$ONSET" --out "$file" 2>/dev/null
    fi
    json=$($monitor replay "$file" --config "$CONFIG" --json)
    urgent=$(jq -r '[.alerts[] | select(.urgent) | .firing[].at] | min // empty' <<<"$json")
    google=$(jq -r '[.google[] | .firesAt | select(. != null)] | min // empty' <<<"$json")
    cases=$(jq -r '.cases | length' <<<"$json")
    told=$(jq -r '.incidents[0] | if . == null then "nobody" else "\(.notify) \(.openedAt[11:19])" end' <<<"$json")
    if [ "$stream" = normal ] || [ "$stream" = payment ] || [ "$stream" = group ]; then
      false_alerts=$(jq '[.alerts[] | select(.urgent) | .firing[]] | length' <<<"$json")
    else
      false_alerts=$(jq --arg onset "$ONSET" '[.alerts[] | select(.urgent) | .firing[] | select(.at < $onset)] | length' <<<"$json")
    fi
    lead="-"
    if [ -n "$urgent" ] && [ -n "$google" ]; then lead=$(span $(( $(epoch "$google") - $(epoch "$urgent") ))); fi
    case $stream in
      step) target="urgent <= 60s after onset"
            ok=$([ -n "$urgent" ] && [ $(( $(epoch "$urgent") - $(epoch "$ONSET") )) -le 60 ] && echo yes || echo NO) ;;
      ramp) target="urgent >= 20m before Google"
            ok=$([ -n "$urgent" ] && [ -n "$google" ] && [ $(( $(epoch "$google") - $(epoch "$urgent") )) -ge 1200 ] && echo yes || echo NO) ;;
      timeouts) target="urgent before Google"
            ok=$([ -n "$urgent" ] && [ -n "$google" ] && [[ "$urgent" < "$google" ]] && echo yes || echo NO) ;;
      normal) target="no urgent alert, no case"
            ok=$([ -z "$urgent" ] && [ "$cases" = 0 ] && echo yes || echo NO) ;;
      payment) target="not urgent"
            ok=$([ -z "$urgent" ] && echo yes || echo NO) ;;
      group) target="technical contacts told"
            ok=$([ -z "$urgent" ] && [[ "$told" == technical* ]] && echo yes || echo NO) ;;
    esac
    [ "$false_alerts" = 0 ] || ok=NO
    printf '%-9s %-5s %-10s %-10s %-9s %-6s %-22s %s: %s\n' "$stream" "$seed" "${urgent:11:8}" "${google:11:8}" "$lead" "$false_alerts" "$told" "$target" "$ok"
  done
done
echo "fault onset ${ONSET:11:8} (6 h of traffic from 08:00); normal: 24 h from 00:00 with quiet nights; $RATE checkouts/s, half as many submit orders"
