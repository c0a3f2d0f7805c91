#!/usr/bin/env bash
# Where the gateway's CPU goes under `agora load`: fetches async-profiler through Maven (once), runs the gateway
# with it on a fresh data folder, plays a warm-up load and a measured load, and prints the share of CPU samples by
# component (JIT, Pekko, token verification, ...). Usage: profile.sh [BOTS] [SEATS]
# PROFILE_LOAD=1 profiles the measured load generator too, and prints its shares the same way.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
bots="${1:-64}"; seats="${2:-8}"; port=18093
tools="$root/platform/gateway/target/profiler"
if [ ! -f "$tools/linux-x64/libasyncProfiler.so" ]; then
  (cd "$root" && ./mvnw -q -B dependency:copy -Dartifact=tools.profiler:async-profiler:4.1:jar -DoutputDirectory="$tools")
  (cd "$tools" && unzip -q -o async-profiler-4.1.jar)
fi
data="$(mktemp -d "${TMPDIR:-/tmp}/agora-profile-XXXX")"
out="$data.collapsed"
loadout="$data-load.collapsed"
JAVA_OPTS="-agentpath:$tools/linux-x64/libasyncProfiler.so=start,event=cpu,interval=997us,file=$out,collapsed" \
  "$root/agora" serve --port "$port" --data "$data" > "$data.log" 2>&1 &
pid=$!
until curl -fs "http://127.0.0.1:$port/q/health/ready" > /dev/null 2>&1; do sleep 0.2; done
"$root/agora" load --url "http://127.0.0.1:$port" --data "$data" --bots "$bots" --seconds 15 --seats "$seats" --warmup 5 | tail -1
load_opts=""
if [ "${PROFILE_LOAD:-0}" = 1 ]; then
  load_opts="-agentpath:$tools/linux-x64/libasyncProfiler.so=start,event=cpu,interval=997us,file=$loadout,collapsed"
fi
JAVA_OPTS="$load_opts" "$root/agora" load --url "http://127.0.0.1:$port" --data "$data" --bots "$bots" --seconds 15 --seats "$seats" --warmup 5 | tail -1
kill "$pid"; wait "$pid" 2> /dev/null || true
if [ -n "${PROFILE_KEEP:-}" ]; then cp "$out" "$PROFILE_KEEP"; [ -f "$loadout" ] && cp "$loadout" "$PROFILE_KEEP.load"; fi
report() {
python3 - "$1" <<'PY'
import sys, collections
cats = [("JIT compiler", "CompileBroker"), ("GC", "G1"), ("token verification", "org/jose4j"), ("OIDC", "io/quarkus/oidc"),
        ("Pekko", "org/apache/pekko"), ("RESTEasy Reactive", "org/jboss/resteasy"), ("PostgreSQL client", "io/vertx/pgclient"),
        ("Jackson", "com/fasterxml/jackson"), ("Hibernate", "org/hibernate"), ("Micrometer", "io/micrometer"),
        ("Netty", "io/netty"), ("Vert.x", "io/vertx/core"), ("JDK HTTP client", "jdk/internal/net/http")]
share, total = collections.Counter(), 0
for line in open(sys.argv[1]):
    stack, _, n = line.rpartition(" ")
    n = int(n); total += n
    name = next((c for c, pat in cats if pat in stack), "kernel" if stack.endswith("_[k]") else "other")
    share[name] += n
for name, n in share.most_common():
    print(f"{100 * n / total:5.1f}%  {name}")
PY
}
echo "gateway:"; report "$out"
if [ -f "$loadout" ]; then echo "load generator:"; report "$loadout"; fi
rm -rf "$data" "$data.log" "$out" "$loadout"
