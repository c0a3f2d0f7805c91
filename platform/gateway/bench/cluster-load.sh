#!/usr/bin/env bash
# The load benchmark against a cluster of three gateways on this machine: node 1 starts the embedded PostgreSQL, nodes 2
# and 3 share it (--db-url) and node 1's keys, all three form one Pekko cluster, and `agora load` spreads its bots over
# the three (--also). Runs once to warm the JVMs, then once measured, and prints the measured run's JSON line.
# Compare with load.sh (one node) on the same machine and arguments.
# Usage: cluster-load.sh [BOTS] [SECONDS] [SEATS] [WARMUP]    (defaults: 64 bots, 20 s, 8 seats per market, a 15 s warm-up run)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
bots="${1:-64}"; seconds="${2:-20}"; seats="${3:-8}"; warmup="${4:-15}"
base="$(mktemp -d "${TMPDIR:-/tmp}/agora-cluster-XXXX")"
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2> /dev/null || true; done; wait 2> /dev/null; rm -rf "$base"' EXIT
ready() { until curl -fs "http://127.0.0.1:$1/q/health/ready" > /dev/null 2>&1; do sleep 0.2; done; }
"$root/agora" plugins > /dev/null   # builds the distribution first if needed
# One deployment: every node deals types with the same secret, and signs tokens with node 1's key.
export AGORA_TYPES_KEY="$(python3 -c 'import secrets; print(secrets.token_hex(32))')"
"$root/agora" serve --port 18101 --data "$base/n1" --cluster-port 25521 --seed-nodes 127.0.0.1:25521 > "$base/n1.log" 2>&1 &
pids+=($!)
ready 18101
db="$(sed -n 's/.*embedded PostgreSQL at \([^ ]*\) .*/\1/p' "$base/n1.log" | head -1)"
for n in 2 3; do
  mkdir -p "$base/n$n/issuer"
  cp "$base/n1/issuer/private-key.pem" "$base/n$n/issuer/"
  cp "$base/n1/admin-credentials.json" "$base/n$n/"
  AGORA_DB_PASSWORD="" "$root/agora" serve --port "1810$n" --data "$base/n$n" --db-url "$db" --db-user postgres \
    --cluster-port "2552$n" --seed-nodes 127.0.0.1:25521 > "$base/n$n.log" 2>&1 &
  pids+=($!)
done
ready 18102; ready 18103
nodes=(--url http://127.0.0.1:18101 --also http://127.0.0.1:18102,http://127.0.0.1:18103 --data "$base/n1")
if [ "$warmup" -gt 0 ]; then
  "$root/agora" load "${nodes[@]}" --bots "$bots" --seconds "$warmup" --seats "$seats" --warmup 5 > /dev/null
fi
"$root/agora" load "${nodes[@]}" --bots "$bots" --seconds "$seconds" --seats "$seats" --warmup "${LOAD_WARMUP:-5}" | tail -1
