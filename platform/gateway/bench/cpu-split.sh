#!/usr/bin/env bash
# CPU seconds used by the gateway, PostgreSQL and the load generator over SECONDS, from /proc (user and system),
# while `agora load` runs against a gateway. Start both first, then: cpu-split.sh [SECONDS]. Divide by the
# reports acknowledged in the same interval for the CPU per report.
set -euo pipefail
interval="${1:-6}"
tick=$(getconf CLK_TCK)
snap() {
  for p in $(pgrep -f 'gateway/target/quarkus-app/quarkus-run.jar'); do awk '{print "gateway", $14, $15}' "/proc/$p/stat"; done
  for p in $(pgrep -x postgres); do awk '{print "postgres", $14, $15}' "/proc/$p/stat" 2> /dev/null || true; done
  for p in $(pgrep -f 'io.agora.sdk.cli.SdkMain load'); do awk '{print "load", $14, $15}' "/proc/$p/stat"; done
}
before="$(snap)"; sleep "$interval"; after="$(snap)"
python3 - "$tick" "$interval" <<PY
import sys, collections
tick, secs = int(sys.argv[1]), float(sys.argv[2])
def load(text):
    u, s = collections.Counter(), collections.Counter()
    for line in text.strip().splitlines():
        k, a, b = line.split(); u[k] += int(a); s[k] += int(b)
    return u, s
(u0, s0), (u1, s1) = load("""$before"""), load("""$after""")
for k in ("gateway", "postgres", "load"):
    print(f"{k}: user {(u1[k]-u0[k])/tick:.2f} s, system {(s1[k]-s0[k])/tick:.2f} s over {secs:.0f} s")
PY
