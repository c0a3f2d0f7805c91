#!/usr/bin/env bash
# The gateway's load benchmark: starts `agora serve` on a fresh data folder, runs `agora load` once to warm both
# JVMs (JIT), then once measured, and prints the measured run's JSON line.
# Usage: load.sh [BOTS] [SECONDS] [SEATS] [WARMUP]    (defaults: 64 bots, 20 s, 8 seats per market, a 15 s warm-up run)
# WARMUP 0 measures a freshly started gateway (no warm-up run; the measured run's own warm-up is LOAD_WARMUP seconds,
# default 5: `LOAD_WARMUP=3 load.sh 64 20 8 0` is the fresh figure of the README). LOAD_TRANSPORT=sdk plays the bots
# through the SDK's client instead of plain sockets (`agora load --transport`). GATEWAY_OPTS adds JVM flags to the
# gateway only (e.g. GATEWAY_OPTS=-XX:TieredStopAtLevel=1).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
bots="${1:-64}"; seconds="${2:-20}"; seats="${3:-8}"; warmup="${4:-15}"; port=18091
data="$(mktemp -d "${TMPDIR:-/tmp}/agora-load-XXXX")"
JAVA_OPTS="${JAVA_OPTS:-} ${GATEWAY_OPTS:-}" "$root/agora" serve --port "$port" --data "$data" > "$data.log" 2>&1 &
pid=$!
trap 'kill $pid 2> /dev/null; wait $pid 2> /dev/null || true; rm -rf "$data" "$data.log"' EXIT
until curl -fs "http://127.0.0.1:$port/q/health/ready" > /dev/null 2>&1; do sleep 0.2; done
if [ "$warmup" -gt 0 ]; then
  "$root/agora" load --url "http://127.0.0.1:$port" --data "$data" --bots "$bots" --seconds "$warmup" --seats "$seats" --warmup 5 \
    --transport "${LOAD_TRANSPORT:-socket}" > /dev/null
fi
"$root/agora" load --url "http://127.0.0.1:$port" --data "$data" --bots "$bots" --seconds "$seconds" --seats "$seats" --warmup "${LOAD_WARMUP:-5}" \
  --transport "${LOAD_TRANSPORT:-socket}" | tail -1
