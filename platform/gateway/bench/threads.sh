#!/usr/bin/env bash
# Where the gateway's CPU goes by thread while `agora load` runs (JIT compiler, Vert.x event loops, Pekko's
# dispatcher, GC): starts `agora serve` on a fresh data folder, plays a WARM-second warm-up load as load.sh does,
# then samples /proc over 18 s of the measured load. Usage: threads.sh [WARM]   (default 15, load.sh's warm-up)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
warm="${1:-15}"; port=18095
data="$(mktemp -d "${TMPDIR:-/tmp}/agora-threads-XXXX")"
"$root/agora" serve --port "$port" --data "$data" > "$data.log" 2>&1 &
pid=$!
trap 'kill $pid 2> /dev/null; wait $pid 2> /dev/null || true; rm -rf "$data" "$data.log" "$data.0" "$data.1"' EXIT
until curl -fs "http://127.0.0.1:$port/q/health/ready" > /dev/null 2>&1; do sleep 0.2; done
gateway=$(pgrep -f 'gateway/target/quarkus-app/quarkus-run.jar' | head -1)
snap() { for t in /proc/"$gateway"/task/*; do echo "$(tr ' ' '_' 2> /dev/null < "$t/comm") $(awk '{print $14 + $15}' "$t/stat" 2> /dev/null)"; done; }
if [ "$warm" -gt 0 ]; then
  "$root/agora" load --url "http://127.0.0.1:$port" --data "$data" --bots 64 --seconds "$warm" --seats 8 --warmup 5 > /dev/null
fi
"$root/agora" load --url "http://127.0.0.1:$port" --data "$data" --bots 64 --seconds 20 --seats 8 --warmup 5 > "$data.out" &
load=$!
sleep 7; snap > "$data.0"; sleep 18; snap > "$data.1"
wait $load; tail -1 "$data.out"; rm -f "$data.out"
python3 - "$data.0" "$data.1" "$(getconf CLK_TCK)" <<'PY'
import collections, re, sys
def load(f):
    d = collections.Counter()
    for line in open(f):
        p = line.split()
        if len(p) == 2:
            d[re.sub(r'[-#_]?\d+$', '', p[0])] += int(p[1])  # threads of one pool under one name
    return d
a, b, tick = load(sys.argv[1]), load(sys.argv[2]), int(sys.argv[3])
total = sum(b.values()) - sum(a.values())
print(f"gateway: {total / tick / 18:.2f} cores over 18 s of the measured load")
for k in sorted(b, key=lambda k: -(b[k] - a.get(k, 0)))[:8]:
    print(f"{(b[k] - a.get(k, 0)) / total * 100:5.1f}%  {k}")
PY
