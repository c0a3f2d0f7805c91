#!/usr/bin/env bash
# How long `agora serve` takes until /q/health/ready answers 200, from process start: once on an empty data
# folder (initdb, migrations, key) and once on the same folder again. Usage: serve-ready.sh [PORT]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
port="${1:-18090}"
data="$(mktemp -d "${TMPDIR:-/tmp}/agora-ready-XXXX")"
"$root/agora" plugins > /dev/null   # builds the distribution first if needed, outside the measurement
measure() {
  local start end
  start=$(date +%s.%N)
  "$root/agora" serve --port "$port" --data "$data" > "$data.log.$1" 2>&1 &
  local pid=$!
  until curl -fs "http://127.0.0.1:$port/q/health/ready" > /dev/null 2>&1; do
    kill -0 "$pid" 2> /dev/null || { echo "serve exited; see $data.log.$1" >&2; exit 1; }
    sleep 0.05
  done
  end=$(date +%s.%N)
  printf '%s: ready in %.2f s\n' "$1" "$(echo "$end - $start" | bc)"
  kill "$pid"; wait "$pid" 2> /dev/null || true
}
measure "empty data folder"
measure "existing data folder"
rm -rf "$data" "$data".log.*
