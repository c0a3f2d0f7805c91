#!/usr/bin/env bash
# CPU per acknowledged report once the gateway is warm: starts `agora serve` on a fresh data folder, runs one long
# `agora load` (64 bots, 8 markets of 8 seats), and after WARM seconds measures SECONDS of it: reports counted by the
# gateway itself (agora_reports_stored_total in /q/metrics) and CPU by process (cpu-split.sh).
# Usage: steady.sh [WARM] [SECONDS]   (defaults 60 and 30)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
warm="${1:-60}"; secs="${2:-30}"; port=18097
data="$(mktemp -d "${TMPDIR:-/tmp}/agora-steady-XXXX")"
"$root/agora" serve --port "$port" --data "$data" > "$data.log" 2>&1 &
pid=$!
trap 'kill $pid 2> /dev/null; wait $pid 2> /dev/null || true; rm -rf "$data" "$data.log" "$data.split"' EXIT
until curl -fs "http://127.0.0.1:$port/q/health/ready" > /dev/null 2>&1; do sleep 0.2; done
"$root/agora" load --url "http://127.0.0.1:$port" --data "$data" --bots 64 --seconds $((warm + secs + 10)) --seats 8 --warmup 1 > /dev/null 2>&1 &
load=$!
sleep $((warm + 8))
count() { curl -s "http://127.0.0.1:$port/q/metrics" | awk '/^agora_reports_stored_total/ {print $2}'; }
c0=$(count)
"$root/platform/gateway/bench/cpu-split.sh" "$secs" > "$data.split"
c1=$(count)
wait $load
python3 - "$c0" "$c1" "$secs" "$data.split" <<'PY'
import sys, re
c0, c1, secs = float(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3])
n = c1 - c0
print(f"{n:.0f} reports in about {secs:.0f} s: {n / secs:.0f}/s")
total = 0
for line in open(sys.argv[4]):
    m = re.match(r'(\w+): user ([\d.]+) s, system ([\d.]+) s', line)
    cpu = float(m.group(2)) + float(m.group(3)); total += cpu
    print(f"{m.group(1)}: {1000 * cpu / n:.3f} ms CPU per report")
print(f"all three: {1000 * total / n:.3f} ms CPU per report")
PY
