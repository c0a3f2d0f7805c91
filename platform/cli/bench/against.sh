#!/usr/bin/env bash
# Runs one benchmark command alternately on this checkout and on an earlier commit, so that a change is compared with
# what it replaced under the same machine load (this 2-core VM drifts by up to ±30% from minute to minute).
# Usage: platform/cli/bench/against.sh REV RUNS COMMAND...   e.g. against.sh 58d4775 3 ./agora bench --scenario hosted-p1
# The earlier commit is built (without tests) in a worktree under target/against-REV; both builds must be current.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
rev="$1"; runs="$2"; shift 2
old="$root/target/against-$rev"
if [ ! -d "$old" ]; then
  git -C "$root" worktree add -q "$old" "$rev"
  (cd "$old" && ./mvnw -B -o -q package -DskipTests -pl platform/cli,platform/gateway -am)
fi
for i in $(seq "$runs"); do
  for side in "$root" "$old"; do
    start=$(date +%s%N)
    out="$(cd "$side" && "$@" 2>&1 | tail -1)" || true # an earlier commit's bench may exit non-zero after its output
    seconds=$(python3 -c "print(f'{($(date +%s%N) - $start) / 1e9:.2f}')")
    printf '%-8s %6s s  %s\n' "$([ "$side" = "$root" ] && echo this || echo "$rev")" "$seconds" "${out:0:160}"
  done
done
